-- Every time zone a user has had, from when: a night stays in the zone that was the user's then.
-- users.time_zone is the current one.
create table user_time_zones (
    user_id        text        not null references users on delete cascade,
    time_zone      text        not null,
    effective_from timestamptz not null,
    primary key (user_id, effective_from)
);
