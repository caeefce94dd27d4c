-- Witnesses' cosignatures on the log's signed tree heads (c2sp.org/tlog-cosignature lines, docs/adr/0037): served with the
-- checkpoint and in tlog-proof files, so that a verifier can require N of them.
CREATE TABLE audit_cosignatures (
    tree_size BIGINT        NOT NULL,
    witness   NVARCHAR(255) NOT NULL,
    line      NVARCHAR(MAX) NOT NULL,
    CONSTRAINT pk_audit_cosignatures PRIMARY KEY (tree_size, witness)
);
