-- Witnesses' cosignatures on the log's signed tree heads (c2sp.org/tlog-cosignature lines, docs/adr/0037): served with the
-- checkpoint and in tlog-proof files, so that a verifier can require N of them.
CREATE TABLE audit_cosignatures (
    tree_size INTEGER NOT NULL,
    witness   TEXT    NOT NULL,
    line      TEXT    NOT NULL,
    PRIMARY KEY (tree_size, witness)
);
