-- One row per user and night that has a diary entry or an exposure session, derived from sessions and
-- cramp_nights; the service recomputes a user's affected nights in the transaction that changes them,
-- and the rebuild command recomputes the whole table from those two tables.
create table nights (
    user_id           text        not null,
    night             date        not null,
    -- 'CRAMPS', 'NONE' (an explicit "no cramps"), or null: no diary entry, unknown
    diary             text        check (diary in ('CRAMPS', 'NONE')),
    cramps            integer     check (cramps >= 0),
    exposed           boolean     not null,
    session_count     integer     not null check (session_count >= 0),
    session_seconds   bigint      not null check (session_seconds >= 0),
    sequential_seconds bigint     not null check (sequential_seconds >= 0),
    wave_seconds      bigint      not null check (wave_seconds >= 0),
    full_seconds      bigint      not null check (full_seconds >= 0),
    max_intensity     smallint,
    heat_used         boolean     not null,
    time_zone         text        not null,
    updated_at        timestamptz not null,
    primary key (user_id, night),
    check ((diary is null) = (cramps is null))
);

create index nights_night_idx on nights (night);
