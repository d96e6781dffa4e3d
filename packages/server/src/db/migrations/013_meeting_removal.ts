export const sql = /* sql */ `
-- A draft meeting that is deleted keeps its row and its documents: deleted_at hides it from every
-- list and refuses its documents, and the audit log says who deleted it, so it can be restored.
ALTER TABLE meetings ADD COLUMN deleted_at TEXT;
-- Why a meeting was cancelled (status 'cancelled'): shown with it in the history and in calendars.
ALTER TABLE meetings ADD COLUMN cancel_reason TEXT;
`;
