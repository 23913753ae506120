#!/bin/sh
# Certificates for the three-node KurrentDB cluster of compose.kurrentdb.yml: a certificate authority and one
# certificate per node, as es-gencert-cli makes them (CN eventstoredb-node, the name KurrentDB expects of its
# nodes; server and client use, since nodes also connect to each other). Each node's certificate names the node
# (kurrentdb-N, its address on the compose network) and localhost, so clients inside the network and on the host
# can verify it.
#
#   docker/kurrentdb-certs.sh [folder]    (default docker/certs; compose runs it in its `certs` service)
#
# Writes ca/ca.crt, ca/ca.key and nodeN/node.crt, nodeN/node.key; does nothing when they exist already (delete
# the folder to make new ones). These are for trying the cluster out: in production use your own PKI.
set -eu

out="${1:-$(dirname "$0")/certs}"
days="${CERT_DAYS:-825}"
subnet_prefix="${KURRENTDB_SUBNET_PREFIX:-172.28.113}"

if [ -f "$out/ca/ca.crt" ] && [ -f "$out/node3/node.key" ]; then
  echo "certificates exist in $out; delete the folder to make new ones"
  exit 0
fi
command -v openssl >/dev/null || { echo "openssl is needed to make the certificates" >&2; exit 1; }

mkdir -p "$out/ca"
openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days "$days" \
  -subj "/CN=Samenspoor KurrentDB CA" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$out/ca/ca.key" -out "$out/ca/ca.crt" 2>/dev/null

for n in 1 2 3; do
  dir="$out/node$n"
  mkdir -p "$dir"
  extensions="$dir/extensions.cnf"
  cat >"$extensions" <<EOF
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:kurrentdb-$n,DNS:localhost,IP:127.0.0.1,IP:$subnet_prefix.1$n
EOF
  openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/CN=eventstoredb-node" \
    -keyout "$dir/node.key" -out "$dir/node.csr" 2>/dev/null
  openssl x509 -req -sha256 -days "$days" -in "$dir/node.csr" \
    -CA "$out/ca/ca.crt" -CAkey "$out/ca/ca.key" -CAcreateserial -extfile "$extensions" \
    -out "$dir/node.crt" 2>/dev/null
  rm -f "$dir/node.csr" "$extensions"
done
rm -f "$out/ca/ca.srl"

# The nodes run as their image's user and the apps as `node`: they must be able to read what they use.
chmod 755 "$out" "$out/ca" "$out"/node*
chmod 644 "$out/ca/ca.crt" "$out"/node*/node.crt "$out"/node*/node.key
chmod 600 "$out/ca/ca.key"
echo "certificates written to $out"
