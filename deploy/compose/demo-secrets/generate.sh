#!/usr/bin/env bash
# Writes the demo secrets that docker-compose.yml reads, with new P-256 keys (needs openssl).
#   bash deploy/compose/demo-secrets/generate.sh
# DEMO ONLY. These files are committed so that `docker compose up` works out of the box, which makes every
# value in them public. A real deployment keeps its secrets in a secret store (see deploy/k8s/secrets.yaml).
set -euo pipefail
cd "$(dirname "$0")"

# Compose reads one line per variable, so PEM keys are written on one line; .NET reads them that way too.
private_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null; }
one_line() { tr -d '\n'; }

# An Ed25519 key for the audit log's checkpoint notes (docs/adr/0036), in the form Go's sumdb/note reads:
# PRIVATE+KEY+<name>+<key id>+base64(0x01 ‖ seed), the key id being SHA-256(name ‖ \n ‖ 0x01 ‖ public key)[:4].
note_key() {
  local name=$1 dir id
  dir=$(mktemp -d)
  openssl genpkey -algorithm ed25519 -out "$dir/key.pem" 2>/dev/null
  openssl pkey -in "$dir/key.pem" -outform DER | tail -c 32 > "$dir/seed"
  openssl pkey -in "$dir/key.pem" -pubout -outform DER | tail -c 32 > "$dir/public"
  id=$({ printf '%s\n\001' "$name"; cat "$dir/public"; } | openssl dgst -sha256 -binary | head -c 4 | od -An -tx1 | tr -d ' \n')
  echo "PRIVATE+KEY+${name}+${id}+$({ printf '\001'; cat "$dir/seed"; } | base64 -w0)"
  rm -rf "$dir"
}

# The verifier key of a note key: <name>+<key id>+base64(type ‖ public key); type 001 for a log's notes, 004 for a
# witness's cosignatures (c2sp.org/tlog-cosignature).
note_vkey() {
  local key=$1 type=$2 name id dir
  name=$(cut -d+ -f3 <<<"$key")
  dir=$(mktemp -d)
  # The seed as a PKCS#8 Ed25519 key (RFC 8410's fixed 16-byte prefix), for openssl to derive the public key.
  { printf '\060\056\002\001\000\060\005\006\003\053\145\160\004\042\004\040'; cut -d+ -f5- <<<"$key" | base64 -d | tail -c 32; } > "$dir/key.der"
  openssl pkey -inform DER -in "$dir/key.der" -pubout -outform DER | tail -c 32 > "$dir/public"
  id=$({ printf '%s\n' "$name"; printf "\\$type"; cat "$dir/public"; } | openssl dgst -sha256 -binary | head -c 4 | od -An -tx1 | tr -d ' \n')
  echo "${name}+${id}+$({ printf "\\$type"; cat "$dir/public"; } | base64 -w0)"
  rm -rf "$dir"
}

# Readable on purpose: they must never be mistaken for real ones.
sa_password='Demo-only-Finsam-2026'
rabbit_user='finsam'
rabbit_password='demo-only-finsam'
# The published demo pseudonym key of deploy/Finsam.Local/appsettings.json: the gateway refuses it unless
# the development identity is on, so this file cannot end up protecting real personRefs.
person_ref_key='rHWs5sI9B4ol4033OAu+KB0W20q6X/3SWWGkjpT7Q8g='
dev_identity_key=$(printf 'demo-only-finsam-dev-identity-key' | base64)

banner() {
  cat <<TEXT
# DEMO ONLY, for docker-compose.yml on your own machine. Published in the repository: every value here is
# public. Regenerate the keys with deploy/compose/demo-secrets/generate.sh; see docs/deployment.md.
TEXT
}

connection_string() {
  echo "ConnectionStrings__$1=Server=sqlserver,1433;Database=finsam_$1;User Id=sa;Password=${sa_password};TrustServerCertificate=True"
}

{ banner; echo "MSSQL_SA_PASSWORD=${sa_password}"; } > sqlserver.env
{ banner; echo "RABBITMQ_DEFAULT_USER=${rabbit_user}"; echo "RABBITMQ_DEFAULT_PASS=${rabbit_password}"; } > rabbitmq.env

# Every service that signs grants: the gateway, and the services that ask the consent service for decisions.
issuers=(gateway healthcare municipality arbetsformedlingen forsakringskassan coordination)
declare -A signing public
for issuer in "${issuers[@]}"; do
  key=$(private_key)
  signing[$issuer]=$(printf '%s\n' "$key" | one_line)
  public[$issuer]=$(printf '%s\n' "$key" | openssl pkey -pubout 2>/dev/null | one_line)
done

{
  banner
  echo "Finsam__Messaging__RabbitMq=amqp://${rabbit_user}:${rabbit_password}@rabbitmq:5672/"
  echo "# Public keys of every grant issuer; which issuers a service trusts is decided in its code."
  for issuer in "${issuers[@]}"; do
    echo "Finsam__Grants__PublicKeys__${issuer}=${public[$issuer]}"
  done
} > shared.env

{
  banner
  connection_string gateway
  echo "Finsam__Grants__SigningKeys__gateway=${signing[gateway]}"
  echo "Finsam__PersonRef__Key=${person_ref_key}"
  echo "Finsam__DevIdentity__SigningKey=${dev_identity_key}"
} > gateway.env

{ banner; connection_string consent; } > consent.env
{ banner; connection_string follow-up; } > follow-up.env

for service in healthcare municipality arbetsformedlingen forsakringskassan coordination; do
  { banner; connection_string "$service"; echo "Finsam__Grants__SigningKeys__${service}=${signing[$service]}"; } > "$service.env"
done

audit_note_key=$(note_key finsam.example/audit/v1)
witness_key=$(note_key witness.regiongavleborg.example/finsam)
{
  banner
  connection_string audit
  echo "Finsam__Audit__SigningKey=$(private_key | one_line)"
  echo "Finsam__Audit__Origin=finsam.example/audit/v1"
  echo "Finsam__Audit__NoteSigningKey=${audit_note_key}"
  echo "Finsam__Audit__Witnesses__0__Url=http://witness:8080/witness"
  echo "Finsam__Audit__Witnesses__0__VerifierKey=$(note_vkey "$witness_key" 004)"
} > audit.env

# The region's witness of the audit log: in a real county another body runs it, with a key of its own.
{
  banner
  connection_string witness
  echo "Finsam__Witness__Name=witness.regiongavleborg.example/finsam"
  echo "Finsam__Witness__SigningKey=${witness_key}"
  echo "Finsam__Witness__Logs__0__VerifierKey=$(note_vkey "$audit_note_key" 001)"
} > witness.env

echo "Wrote demo secrets to $(pwd)"
