-- A user is created on first authenticated use; the id is the token's subject.
-- The time zone is the user's IANA zone, data rather than server configuration.
create table users (
    user_id    text        primary key,
    time_zone  text        not null default 'UTC',
    created_at timestamptz not null default now()
);
