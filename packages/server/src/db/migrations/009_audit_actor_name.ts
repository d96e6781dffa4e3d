export const sql = /* sql */ `
-- The audit log keeps the actor's name as it was when they acted: joining the current name let a
-- person who renamed themselves rewrite old entries. Existing rows get today's name, the best known.
ALTER TABLE audit ADD COLUMN actor_name TEXT;
UPDATE audit SET actor_name = (SELECT name FROM people WHERE people.id = audit.actor_id) WHERE actor_id IS NOT NULL;
`;
