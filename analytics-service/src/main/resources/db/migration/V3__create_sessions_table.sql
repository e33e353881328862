-- Session summaries as published by the session service, the highest revision per session.
-- exposure_night is derived here from started_at and time_zone with the night calendar: the night D the
-- session counts as exposure for, or null when it started in the morning (see DESIGN.md, section 6).
create table sessions (
    session_id       uuid        primary key,
    revision         bigint      not null check (revision >= 1),
    user_id          text        not null,
    device_id        text        not null,
    status           text        not null,
    started_at       timestamptz not null,
    ended_at         timestamptz,
    duration_seconds bigint      not null check (duration_seconds >= 0),
    seconds_by_mode  jsonb       not null default '{}',
    intensities      smallint[]  not null default '{}',
    heats            text[]      not null default '{}',
    end_reason       text,
    firmware         text,
    time_zone        text        not null,
    exposure_night   date,
    received_at      timestamptz not null,
    updated_at       timestamptz not null
);

create index sessions_user_exposure_night_idx on sessions (user_id, exposure_night);
create index sessions_exposure_night_idx on sessions (exposure_night);
