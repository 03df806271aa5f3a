#!/usr/bin/env bash
# Runs a copydesk binary on a bare system: a root folder holding that one
# file and nothing else (no libc, no loader, no /etc, no /proc), entered with
# chroot (as root) or an unprivileged user namespace. It must print its
# version, and serve an LSP session from initialize to exit with status 0,
# reporting the unattributed quote in the draft it is given.
#
#   .ci/bare_system.sh path/to/copydesk
set -euo pipefail
bin="${1:?usage: bare_system.sh path/to/copydesk}"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
cp "$bin" "$root/copydesk"

if [ "$(id -u)" -eq 0 ]; then
    enter=("$(command -v chroot)" "$root")
else
    enter=("$(command -v unshare)" --map-root-user "$(command -v chroot)" "$root")
fi

echo "bare system: / holds $(ls -A "$root" | tr '\n' ' ')and nothing else"
version="$(timeout 20 env -i "${enter[@]}" /copydesk --version)"
echo "bare system: /copydesk --version → $version"
[[ "$version" == copydesk\ * ]] || { echo "bare system: unexpected --version output" >&2; exit 1; }

timeout 60 python3 - "${enter[@]}" /copydesk <<'PY'
import json, subprocess, sys

server = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={})

def send(message):
    body = json.dumps({"jsonrpc": "2.0", **message}).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    server.stdin.flush()

def receive():
    length = None
    while True:
        line = server.stdout.readline()
        if not line:
            sys.exit("bare system: the server closed stdout mid-session")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(server.stdout.read(length))

def until(test):
    while True:
        message = receive()
        if test(message):
            return message

send({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
init = until(lambda m: m.get("id") == 1)
assert "capabilities" in init["result"], init
send({"method": "initialized", "params": {}})
draft = "Harbour to close\n\n\"We had no warning at all.\"\n"
send({"method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": "file:///draft.txt", "languageId": "plaintext", "version": 1, "text": draft}}})
published = until(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                  and m["params"]["diagnostics"])
codes = [d["code"] for d in published["params"]["diagnostics"]]
assert "unattributed-quote" in codes, codes
send({"id": 2, "method": "shutdown"})
until(lambda m: m.get("id") == 2)
send({"method": "exit"})
status = server.wait(timeout=10)
assert status == 0, f"exit status {status}"
print(f"bare system: initialize answered, the draft reported ({', '.join(codes)}), shutdown, exit status 0")
PY
