-- A deleted diary entry stays as a row with deleted = true and the time of the deletion. Were the row
-- removed instead, an older entry for the same night arriving later (a redelivery, a replay) would find
-- nothing newer to lose against and bring the night back. A deleted night counts as unknown.
alter table cramp_nights add column deleted boolean not null default false;
