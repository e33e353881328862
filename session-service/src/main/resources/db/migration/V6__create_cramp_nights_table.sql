-- The cramp diary: one entry per user and night D (from D 12:00 to D+1 12:00 local). Zero cramps is
-- an explicit "none"; a night without a row is unknown.
create table cramp_nights (
    user_id    text        not null references users on delete cascade,
    night      date        not null,
    cramps     smallint    not null check (cramps between 0 and 99),
    severity   smallint    not null check (severity between 0 and 10),
    muscles    text[]      not null,
    woke_up    boolean     not null,
    note       text        check (char_length(note) <= 1000),
    time_zone  text        not null,
    updated_at timestamptz not null,
    primary key (user_id, night),
    check (cramps > 0 or (severity = 0 and cardinality(muscles) = 0 and not woke_up))
);
