-- SPEC §5: a message type's route runs once, at receipt; what it mapped (the connector and the target's fields, as
-- JSON) is stored with the message and is what delivery sends. NULL for messages stored before, and after a replay:
-- those are mapped again, with the route file in force then.
ALTER TABLE hub_message ADD COLUMN mapped ${text};
