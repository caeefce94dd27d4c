-- The RFC 6962 Merkle tree over the records (docs/adr/0036): the hash of every complete subtree, 2^level leaves
-- starting at leaf position × 2^level, where record s is leaf s − 1. Written by the single audit writer in the same
-- transaction as the records; never updated. Retention removes records, not these hashes: proofs for the records kept
-- still need the subtrees of the removed ones, and a hash says nothing about the person.
CREATE TABLE audit_tree (
    level    INTEGER NOT NULL,
    position INTEGER NOT NULL,
    hash     BLOB    NOT NULL,
    PRIMARY KEY (level, position)
);

-- Signed tree heads: c2sp.org/tlog-checkpoint notes (origin, size, root) signed with the log's Ed25519 key.
CREATE TABLE audit_tree_heads (
    tree_size INTEGER NOT NULL PRIMARY KEY,
    root      BLOB    NOT NULL,
    note      TEXT    NOT NULL,
    signed_at TEXT    NOT NULL
);
