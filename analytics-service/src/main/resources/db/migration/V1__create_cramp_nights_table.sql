-- Diary entries as published by the session service. A night without a row is unknown;
-- cramps = 0 is an explicit "no cramps". The note stays in the session service.
create table cramp_nights (
    user_id    text        not null,
    night      date        not null,
    cramps     integer     not null check (cramps >= 0),
    severity   smallint    not null check (severity between 0 and 10),
    muscles    text[]      not null default '{}',
    woke_up    boolean     not null,
    time_zone  text        not null,
    updated_at timestamptz not null,
    primary key (user_id, night)
);
