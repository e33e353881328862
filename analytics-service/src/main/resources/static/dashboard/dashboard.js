/*
 * The product team's cohort dashboard: reads /api/v1/cohort/usage and /api/v1/cohort/cramps with an
 * analyst's bearer token and draws them with Chart.js. Every chart has a table with exactly the numbers
 * it plots (cells carry data-key, data-series and data-value or data-suppressed), for screen readers and
 * for the browser test. When it is done, <body data-state> is "ready" or "error".
 *
 * Plain JavaScript without a build step; no request leaves this origin.
 */
'use strict';

(function () {
    const TOKEN_KEY = 'massager.dashboard.token';
    // Relative to /dashboard/, so the page works behind a path prefix too.
    const API = new URL('../api/v1/cohort/', document.baseURI);
    const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
    // Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
    const COLOURS = {blue: '#0072B2', green: '#009E73', orange: '#E69F00', vermillion: '#D55E00'};
    const CRAMP_GROUPS = [
        {field: 'overall', label: () => 'All users'},
        {field: 'byMode', label: (key) => 'Mode ' + key},
        {field: 'byIntensity', label: (key) => 'Intensity ' + key},
        {field: 'byDuration', label: (key) => 'Duration ' + key + ' min'},
    ];
    const DEFINITION_LABELS = {
        night: 'Night',
        exposure: 'Exposure',
        confidenceInterval: '95% confidence interval',
        pValue: 'p-value',
    };

    const charts = new Map();
    let latestRequest = 0;

    const byId = (id) => document.getElementById(id);

    class ProblemError extends Error {
        constructor(message, status) {
            super(message);
            this.status = status;
        }
    }

    // ---- state and messages ------------------------------------------------------------------------

    function setState(state) {
        document.body.dataset.state = state;
        byId('main').setAttribute('aria-busy', String(state === 'loading'));
    }

    function showStatus(text) {
        byId('status').textContent = text;
    }

    function showError(text, status) {
        const box = byId('error');
        box.textContent = text;
        if (status) {
            box.dataset.status = String(status);
        } else {
            delete box.dataset.status;
        }
        box.hidden = false;
        byId('main').hidden = true;
        box.focus();
    }

    function clearError() {
        const box = byId('error');
        box.hidden = true;
        box.textContent = '';
        delete box.dataset.status;
    }

    // ---- token and date range ----------------------------------------------------------------------

    function isoDate(date) {
        const pad = (n) => String(n).padStart(2, '0');
        return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    }

    function defaultRange() {
        const to = new Date();
        const from = new Date(to);
        from.setDate(from.getDate() - 29);
        return {from: isoDate(from), to: isoDate(to)};
    }

    /**
     * Takes the token out of the fragment (#token=…&from=…&to=…) into session storage and out of the
     * address bar and the history, so it is neither bookmarked nor shown over a shoulder.
     */
    function readFragment() {
        const params = new URLSearchParams(location.hash.slice(1));
        if (params.has('token')) {
            const token = params.get('token').trim();
            if (token) {
                sessionStorage.setItem(TOKEN_KEY, token);
            }
            params.delete('token');
            const rest = params.toString();
            history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
        }
        const range = defaultRange();
        for (const name of ['from', 'to']) {
            const value = params.get(name);
            if (value && ISO_DATE.test(value)) {
                range[name] = value;
            }
        }
        return range;
    }

    function rememberRange(range) {
        const params = new URLSearchParams(range);
        history.replaceState(null, '', location.pathname + location.search + '#' + params);
    }

    // ---- API ---------------------------------------------------------------------------------------

    async function fetchCohort(resource, token, range) {
        const url = new URL(resource, API);
        url.searchParams.set('from', range.from);
        url.searchParams.set('to', range.to);
        let response;
        try {
            response = await fetch(url, {
                headers: {Authorization: 'Bearer ' + token, Accept: 'application/json, application/problem+json'},
                credentials: 'omit',
                cache: 'no-store',
            });
        } catch (e) {
            throw new ProblemError('The analytics service could not be reached. Check the connection and try again.');
        }
        if (!response.ok) {
            throw await problemOf(response);
        }
        return response.json();
    }

    /** Turns an RFC 9457 problem (or any error response) into a message an analyst can act on. */
    async function problemOf(response) {
        let problem = {};
        if ((response.headers.get('Content-Type') || '').includes('json')) {
            problem = await response.json().catch(() => ({}));
        }
        const detail = problem.detail ? ' ' + problem.detail : '';
        switch (response.status) {
            case 401:
                return new ProblemError('The token was not accepted (401 Unauthorized): it is missing, expired or '
                    + 'not valid. Paste a fresh analyst token.' + detail, 401);
            case 403:
                return new ProblemError('This token does not have the analyst role (403 Forbidden). Ask for analyst '
                    + 'access.' + detail, 403);
            default: {
                const title = problem.title || response.statusText || 'Error';
                return new ProblemError(`The analytics service answered ${response.status} ${title}.${detail}`,
                    response.status);
            }
        }
    }

    // ---- formatting and cells ----------------------------------------------------------------------

    const integer = new Intl.NumberFormat('en', {maximumFractionDigits: 0});
    const decimal = new Intl.NumberFormat('en', {maximumFractionDigits: 2});
    const percent = new Intl.NumberFormat('en', {style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1});
    const formatCount = (value) => (Number.isInteger(value) ? integer : decimal).format(value);
    const formatRatio = (value) => value.toFixed(2);
    const formatP = (value) => (value < 0.001 ? '< 0.001' : String(Number(value.toPrecision(2))));

    function suppressedText(minimumUsers) {
        return `suppressed: fewer than ${minimumUsers} users`;
    }

    /** The number a chart plots for a cell: null (a gap) when it is suppressed. */
    function plotted(cell) {
        return cell && !cell.suppressed ? cell.value : null;
    }

    function element(tag, text, attributes) {
        const node = document.createElement(tag);
        if (text !== undefined) {
            node.textContent = text;
        }
        Object.assign(node.dataset, attributes || {});
        return node;
    }

    function rowHeader(key, text) {
        const th = element('th', text);
        th.scope = 'row';
        return th;
    }

    /** A table cell for a number: data-value holds it exactly as the API sent it. */
    function numberCell(key, series, value, format) {
        if (value === null || value === undefined) {
            const td = element('td', 'not defined', {key, series, undefined: 'true'});
            td.className = 'undefined';
            return td;
        }
        const td = element('td', format(value), {key, series, value: String(value)});
        td.className = 'num';
        return td;
    }

    function suppressedCell(key, series, minimumUsers) {
        const attributes = series ? {key, series, suppressed: 'true'} : {key, suppressed: 'true'};
        const td = element('td', suppressedText(minimumUsers), attributes);
        td.className = 'suppressed';
        return td;
    }

    function cellFor(key, series, cell, minimumUsers, format) {
        return cell && !cell.suppressed
            ? numberCell(key, series, cell.value, format)
            : suppressedCell(key, series, minimumUsers);
    }

    function fillTable(chart, rows) {
        const body = document.querySelector(`table[data-chart="${chart}"] tbody`);
        body.replaceChildren(...rows);
    }

    // ---- charts ------------------------------------------------------------------------------------

    /**
     * Shades the categories that hold a suppressed cell and writes why, so a gap in a chart is never
     * read as zero.
     */
    const suppressionMarks = {
        id: 'suppressionMarks',
        beforeDatasetsDraw(chart, args, options) {
            const {ctx, chartArea, scales} = chart;
            const width = categoryWidth(chart);
            ctx.save();
            ctx.fillStyle = 'rgba(110, 110, 110, 0.14)';
            for (const index of options.indexes || []) {
                const x = scales.x.getPixelForValue(index);
                ctx.fillRect(x - width / 2, chartArea.top, width, chartArea.bottom - chartArea.top);
            }
            ctx.restore();
        },
        afterDatasetsDraw(chart, args, options) {
            const {ctx, chartArea, scales} = chart;
            const width = categoryWidth(chart);
            ctx.save();
            ctx.beginPath();
            ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
            ctx.clip();
            ctx.fillStyle = '#444';
            ctx.font = '11px ' + Chart.defaults.font.family;
            for (const index of options.indexes || []) {
                const x = scales.x.getPixelForValue(index);
                const lines = ['suppressed', `fewer than ${options.minimumUsers} users`];
                const widest = Math.max(...lines.map((line) => ctx.measureText(line).width));
                ctx.save();
                if (widest + 8 <= width) {
                    ctx.textAlign = 'center';
                    ctx.textBaseline = 'bottom';
                    ctx.fillText(lines[0], x, chartArea.bottom - 18);
                    ctx.fillText(lines[1], x, chartArea.bottom - 4);
                } else {
                    // Too narrow: the two lines run upwards, side by side.
                    ctx.translate(x, chartArea.bottom - 6);
                    ctx.rotate(-Math.PI / 2);
                    ctx.textAlign = 'left';
                    ctx.textBaseline = 'middle';
                    ctx.fillText(lines[0], 0, -6);
                    ctx.fillText(lines[1], 0, 7);
                }
                ctx.restore();
            }
            ctx.restore();
        },
    };

    function categoryWidth(chart) {
        const count = Math.max(chart.data.labels.length, 1);
        const x = chart.scales.x;
        return chart.config.type === 'line' && count > 1 ? x.width / (count - 1) : x.width / count;
    }

    function suppressedIndexes(items, cellsOf) {
        return items.flatMap((item, index) => (cellsOf(item).some((cell) => !cell || cell.suppressed) ? [index] : []));
    }

    function draw(canvasId, config) {
        if (charts.has(canvasId)) {
            charts.get(canvasId).destroy();
        }
        config.plugins = [suppressionMarks];
        charts.set(canvasId, new Chart(byId(canvasId), config));
    }

    function countAxis(title) {
        return {beginAtZero: true, title: {display: true, text: title}, ticks: {precision: 0}};
    }

    // ---- sections ----------------------------------------------------------------------------------

    function renderSummary(usage, k) {
        const measures = [
            ['endedEarly', 'Sessions ended early'],
            ['onlineDevices', 'Devices online now'],
        ];
        fillTable('summary', measures.map(([key, label]) => {
            const tr = element('tr', undefined, {key});
            tr.append(rowHeader(key, label), cellFor(key, 'value', usage[key], k, formatCount));
            return tr;
        }));
    }

    function renderNights(usage, k) {
        const series = [
            ['activeUsers', 'Active users', COLOURS.blue],
            ['activeDevices', 'Active devices', COLOURS.green],
            ['sessions', 'Sessions', COLOURS.orange],
        ];
        const nights = usage.nights || [];
        fillTable('nights', nights.map((night) => {
            const tr = element('tr', undefined, {key: night.night});
            tr.append(rowHeader(night.night, night.night));
            for (const [name] of series) {
                tr.append(cellFor(night.night, name, night[name], k, formatCount));
            }
            return tr;
        }));
        draw('chart-nights', {
            type: 'line',
            data: {
                labels: nights.map((night) => night.night.slice(5)),
                datasets: series.map(([name, label, colour]) => ({
                    label,
                    data: nights.map((night) => plotted(night[name])),
                    borderColor: colour,
                    backgroundColor: colour,
                    pointRadius: 2,
                    spanGaps: false,
                })),
            },
            options: {
                scales: {x: {title: {display: true, text: 'Night (month-day)'}}, y: countAxis('Count')},
                plugins: {
                    suppressionMarks: {
                        minimumUsers: k,
                        indexes: suppressedIndexes(nights, (night) => series.map(([name]) => night[name])),
                    },
                },
            },
        });
    }

    function renderKeyed(chart, canvasId, cells, k, label, axis, colour) {
        const items = cells || [];
        fillTable(chart, items.map((item) => {
            const tr = element('tr', undefined, {key: item.key});
            tr.append(rowHeader(item.key, item.key), cellFor(item.key, 'value', item, k, formatCount));
            return tr;
        }));
        draw(canvasId, {
            type: 'bar',
            data: {
                labels: items.map((item) => item.key),
                datasets: [{label, data: items.map(plotted), backgroundColor: colour}],
            },
            options: {
                scales: {x: {title: {display: true, text: label}, ticks: {autoSkip: false}}, y: countAxis(axis)},
                plugins: {
                    legend: {display: false},
                    suppressionMarks: {minimumUsers: k, indexes: suppressedIndexes(items, (item) => [item])},
                },
            },
        });
    }

    function crampRows(cramps) {
        return CRAMP_GROUPS.flatMap((group) => {
            const value = cramps[group.field];
            const rows = Array.isArray(value) ? value : value ? [value] : [];
            return rows.map((row) => ({row, id: `${group.field}:${row.key}`, label: group.label(row.key)}));
        });
    }

    function renderCramps(cramps) {
        const k = cramps.minimumUsers;
        const rows = crampRows(cramps);
        fillTable('cramps', rows.map(({row, id, label}) => {
            const tr = element('tr', undefined, {key: id});
            tr.append(rowHeader(id, label));
            if (row.suppressed) {
                tr.dataset.suppressed = 'true';
                const td = suppressedCell(id, null, k);
                td.colSpan = 11;
                tr.append(td);
                return tr;
            }
            tr.append(numberCell(id, 'users', row.users, formatCount));
            for (const arm of ['withSessions', 'withoutSessions']) {
                tr.append(
                    numberCell(id, arm + '.nights', row[arm].nights, formatCount),
                    numberCell(id, arm + '.crampNights', row[arm].crampNights, formatCount),
                    numberCell(id, arm + '.rate', row[arm].rate, (v) => percent.format(v)));
            }
            if (row.relativeRisk) {
                tr.append(
                    numberCell(id, 'relativeRisk.estimate', row.relativeRisk.estimate, formatRatio),
                    numberCell(id, 'relativeRisk.lower', row.relativeRisk.lower, formatRatio),
                    numberCell(id, 'relativeRisk.upper', row.relativeRisk.upper, formatRatio));
            } else {
                const td = numberCell(id, 'relativeRisk', null);
                td.colSpan = 3;
                tr.append(td);
            }
            tr.append(numberCell(id, 'pValue', row.pValue, formatP));
            return tr;
        }));

        const definitions = byId('main').querySelector('[data-field="definitions"]');
        definitions.replaceChildren(...Object.entries(cramps.definitions || {}).flatMap(([key, text]) => [
            element('dt', DEFINITION_LABELS[key] || key),
            element('dd', text, {key}),
        ]));

        const rate = (arm) => rows.map(({row}) => (row.suppressed ? null : row[arm].rate));
        draw('chart-cramps', {
            type: 'bar',
            data: {
                labels: rows.map(({label}) => label),
                datasets: [
                    {label: 'Nights with sessions', data: rate('withSessions'), backgroundColor: COLOURS.blue},
                    {label: 'Nights without sessions', data: rate('withoutSessions'), backgroundColor: COLOURS.vermillion},
                ],
            },
            options: {
                scales: {
                    y: {
                        beginAtZero: true,
                        title: {display: true, text: 'Cramp-night rate'},
                        ticks: {callback: (value) => percent.format(value)},
                    },
                },
                plugins: {
                    tooltip: {callbacks: {label: (item) => `${item.dataset.label}: ${percent.format(item.raw)}`}},
                    suppressionMarks: {
                        minimumUsers: k,
                        indexes: rows.flatMap(({row}, index) => (row.suppressed ? [index] : [])),
                    },
                },
            },
        });
    }

    function render(usage, cramps) {
        const k = usage.minimumUsers;
        for (const node of document.querySelectorAll('[data-field="minimumUsers"]')) {
            node.textContent = String(k);
        }
        renderSummary(usage, k);
        renderNights(usage, k);
        renderKeyed('minutesByMode', 'chart-modes', usage.minutesByMode, k, 'Mode', 'Minutes', COLOURS.blue);
        renderKeyed('intensity', 'chart-intensity', usage.intensity, k, 'Intensity level', 'Sessions', COLOURS.green);
        renderKeyed('heat', 'chart-heat', usage.heat, k, 'Heat', 'Sessions', COLOURS.orange);
        renderKeyed('faultsByFirmware', 'chart-faults', usage.faultsByFirmware, k, 'Firmware', 'Faults',
            COLOURS.vermillion);
        renderCramps(cramps);
    }

    // ---- flow --------------------------------------------------------------------------------------

    async function load(range) {
        const request = ++latestRequest;
        clearError();
        const token = sessionStorage.getItem(TOKEN_KEY);
        if (!token) {
            showStatus('');
            showError('An analyst token is needed: paste it into the token field, or open the page with #token=….');
            setState('error');
            return;
        }
        if (range.from > range.to) {
            showStatus('');
            showError('“From night” must be on or before “To night”.');
            setState('error');
            return;
        }
        setState('loading');
        showStatus(`Loading the nights ${range.from} to ${range.to}…`);
        try {
            if (typeof Chart === 'undefined') {
                throw new ProblemError('The chart library did not load; reload the page.');
            }
            const [usage, cramps] = await Promise.all([
                fetchCohort('usage', token, range),
                fetchCohort('cramps', token, range),
            ]);
            if (request !== latestRequest) {
                return;
            }
            byId('main').hidden = false;
            render(usage, cramps);
            rememberRange(range);
            showStatus(`Showing the nights ${usage.from} to ${usage.to}.`);
            setState('ready');
        } catch (e) {
            if (request !== latestRequest) {
                return;
            }
            if (!(e instanceof ProblemError)) {
                console.error(e);
            }
            showStatus('');
            showError(e instanceof ProblemError ? e.message : 'The data could not be shown: ' + e.message, e.status);
            setState('error');
        }
    }

    function start() {
        if (typeof Chart !== 'undefined') {
            Chart.defaults.animation = false;
            Chart.defaults.maintainAspectRatio = false;
            Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
            Chart.defaults.color = '#2b2b2b';
        }
        const range = readFragment();
        const form = byId('query');
        form.elements.from.value = range.from;
        form.elements.to.value = range.to;
        form.elements.token.value = sessionStorage.getItem(TOKEN_KEY) || '';

        form.addEventListener('submit', (event) => {
            event.preventDefault();
            const token = form.elements.token.value.trim();
            if (token) {
                sessionStorage.setItem(TOKEN_KEY, token);
            }
            load({from: form.elements.from.value, to: form.elements.to.value});
        });
        byId('forget-token').addEventListener('click', () => {
            sessionStorage.removeItem(TOKEN_KEY);
            form.elements.token.value = '';
            showStatus('The token is forgotten in this tab.');
        });

        load(range);
    }

    start();
})();
