#!/bin/sh
# The broker's certificates, made with keytool into /certs (the mqtt-certs volume):
#
#   certificates.sh              creates the device CA, the broker's key store and its trust store if absent
#   certificates.sh device <id>  issues device <id> a key and certificate: /certs/devices/<id>.p12,
#                                copied with the CA certificate to /out when a folder is mounted there
#
# The CA's private key stays in /certs/ca/ and device keys in /certs/devices/, which only root can
# read; the broker reads the rest. Real devices get their keys at the factory, never from here.
# MQTT_TLS_PASSWORD protects every store; MQTT_SERVER_NAMES lists the broker's names for its
# certificate (devices check the host name they connect to); CERTS_DIR replaces /certs.
set -eu

dir="${CERTS_DIR:-/certs}"
pass="${MQTT_TLS_PASSWORD:?MQTT_TLS_PASSWORD is not set}"
names="${MQTT_SERVER_NAMES:-DNS:localhost,DNS:mqtt,IP:127.0.0.1}"
ca="$dir/ca/device-ca.p12"
days_ca=3650
days_cert=825

issue() { # issue <store> <alias> <dname> <extensions...>: a key in <store>, signed by the CA
    store=$1 alias=$2 dname=$3
    shift 3
    keytool -genkeypair -keystore "$store" -storetype PKCS12 -storepass "$pass" -alias "$alias" \
        -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -dname "$dname" -validity "$days_cert"
    keytool -certreq -keystore "$store" -storepass "$pass" -alias "$alias" -file "$dir/request.csr"
    keytool -gencert -keystore "$ca" -storepass "$pass" -alias device-ca -infile "$dir/request.csr" \
        -outfile "$dir/signed.pem" -rfc -validity "$days_cert" -ext bc:c=ca:false "$@"
    keytool -importcert -noprompt -keystore "$store" -storepass "$pass" -alias device-ca -file "$dir/device-ca.pem"
    keytool -importcert -noprompt -keystore "$store" -storepass "$pass" -alias "$alias" -file "$dir/signed.pem"
    # The CA entry was only needed to complete the chain.
    keytool -delete -keystore "$store" -storepass "$pass" -alias device-ca
    rm -f "$dir/request.csr" "$dir/signed.pem"
}

if [ "${1:-}" = device ]; then
    id="${2:?usage: certificates.sh device <device id>}"
    echo "$id" | grep -Eq '^[A-Za-z0-9][A-Za-z0-9-]{3,63}$' || { echo "Not a device id: $id" >&2; exit 1; }
    mkdir -p "$dir/devices"
    chmod 700 "$dir/devices"
    store="$dir/devices/$id.p12"
    [ ! -e "$store" ] || { echo "$store exists" >&2; exit 1; }
    issue "$store" "$id" "CN=$id, O=Massager" -ext ku:c=digitalSignature -ext eku=clientAuth
    echo "Issued $store (password: MQTT_TLS_PASSWORD); the broker's CA is $dir/device-ca.pem"
    if [ -d /out ]; then
        cp "$store" "$dir/device-ca.pem" /out/
        echo "Copied $id.p12 and device-ca.pem to /out"
    fi
    exit 0
fi

if [ -e "$dir/broker.p12" ] && [ -e "$dir/device-ca.p12" ] && [ -e "$dir/device-ca.pem" ]; then
    echo "The broker's certificates exist."
    exit 0
fi

mkdir -p "$dir/ca"
chmod 700 "$dir/ca"
rm -f "$ca" "$dir/broker.p12" "$dir/device-ca.p12" "$dir/device-ca.pem"
keytool -genkeypair -keystore "$ca" -storetype PKCS12 -storepass "$pass" -alias device-ca \
    -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -dname "CN=Massager Device CA, O=Massager" \
    -validity "$days_ca" -ext bc:c=ca:true,pathlen:0 -ext ku:c=keyCertSign,cRLSign
keytool -exportcert -rfc -keystore "$ca" -storepass "$pass" -alias device-ca -file "$dir/device-ca.pem"
keytool -importcert -noprompt -keystore "$dir/device-ca.p12" -storetype PKCS12 -storepass "$pass" \
    -alias device-ca -file "$dir/device-ca.pem"
issue "$dir/broker.p12" broker "CN=MQTT broker, O=Massager" -ext "san=$names" \
    -ext ku:c=digitalSignature -ext eku=serverAuth
# HiveMQ runs as uid 10000: it reads the stores, never the CA key.
chmod 644 "$dir/broker.p12" "$dir/device-ca.p12" "$dir/device-ca.pem"
echo "Created the device CA and the broker's certificates in $dir."
