-- Whether the user has chosen their time zone. Until then users.time_zone is the 'UTC' placeholder of
-- the first use, and the first choice replaces it for all earlier times (the first row of
-- user_time_zones takes the chosen zone) instead of starting at the moment of the choice.
alter table users add column time_zone_chosen boolean not null default false;

-- Existing users: a zone other than UTC, or a history of more than one row, can only come from a
-- choice. A user still on UTC with a single row never changed the zone: either they never chose one or
-- they chose UTC itself, which changed nothing and left no trace; both stay unchosen, so their first
-- choice from now on counts as the first one (for someone who had chosen UTC on purpose, that rewrites
-- the earlier times to the new zone, the lesser error of the two).
update users u set time_zone_chosen = true
where u.time_zone <> 'UTC'
    or (select count(*) from user_time_zones z where z.user_id = u.user_id) > 1;
