-- Usage sessions built from the device stream, one row per (device, device session id).
-- The roll-up columns are what the API and the published summary show; accumulator holds the exact
-- state they are folded from (messages already seen, seconds covered by samples, sums), which makes
-- duplicates and any arrival order give the same row.
create table sessions (
    session_id        uuid        primary key,
    device_id         text        not null,
    device_session_id text        not null,
    -- The user the device was paired to when the session started; null when it was paired to nobody.
    user_id           text        references users on delete cascade,
    time_zone         text,
    status            text        not null check (status in ('OPEN', 'ENDED', 'INCOMPLETE')),
    revision          bigint      not null check (revision >= 1),
    started_at        timestamptz not null,
    ended_at          timestamptz,
    end_reason        text,
    duration_seconds  bigint      not null check (duration_seconds >= 0),
    seconds_by_mode   jsonb       not null,
    intensities       smallint[]  not null,
    heats             text[]      not null,
    pressure          jsonb       not null,
    sample_count      bigint      not null check (sample_count >= 0),
    gap_count         integer     not null check (gap_count >= 0),
    gap_seconds       bigint      not null check (gap_seconds >= 0),
    firmware          text,
    clock_skew        boolean     not null,
    accumulator       jsonb       not null,
    first_received_at timestamptz not null,
    last_received_at  timestamptz not null,
    updated_at        timestamptz not null,
    unique (device_id, device_session_id),
    check ((status = 'OPEN') = (ended_at is null)),
    check ((status = 'ENDED') = (end_reason is not null))
);

-- The companion app's history: a user's sessions, newest first, with a stable tie-break for cursors.
create index sessions_by_user on sessions (user_id, started_at desc, session_id desc);

-- Open sessions, for closing those gone quiet.
create index sessions_open_by_last_received on sessions (last_received_at) where status = 'OPEN';
