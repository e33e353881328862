/** Load on the services' HTTP APIs: concurrent clients, latency histograms per kind of request. */
package dev.massager.bench.http;
