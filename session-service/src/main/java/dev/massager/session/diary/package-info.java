/** The cramp diary: one entry per user and night, published to the insights with every change. */
package dev.massager.session.diary;
