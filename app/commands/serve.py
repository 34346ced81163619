"""overleg serve: the embedded store as a read-only SPARQL 1.1 endpoint on 127.0.0.1.

We run the Oxigraph server (`oxigraph serve-read-only`, PyPI package
`oxigraph`, extra `overleg[server]`) rather than a server of our own: it speaks
the SPARQL 1.1 protocol fully and reads the same on-disk format as pyoxigraph.
It has no authentication and would federate SERVICE, so it is bound to
127.0.0.1 only, read-only, with a query time limit. The union default graph
is switched on so that the stored queries see every document graph.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from ..errors import StoreError, UsageError
from ..store.embedded import default_store_path, lock_store
from ._common import open_graph

NAME = "serve"
HELP = "Serve the store as a read-only SPARQL endpoint on 127.0.0.1 (Oxigraph server)."
EPILOG = ("Example:\n  overleg serve --port 7878\n"
          "  then: overleg query actors --endpoint http://127.0.0.1:7878/query\n"
          "Only one process may open a store read-write: stop 'overleg ingest' (and do not "
          "ingest) while serving.")
HOST = "127.0.0.1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=7878, help="TCP port (default 7878; 0 picks a free one)")
    parser.add_argument("--timeout-s", type=int, default=30, help="query time limit in seconds (default 30)")
    parser.add_argument("--cors", action="store_true", help="allow cross-origin requests (browser clients)")


def oxigraph_binary() -> str:
    """The `oxigraph` CLI: on PATH, or beside this Python (a venv's bin/)."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        raise UsageError("the Oxigraph server is not installed",
                         hint="pip install 'overleg[server]' (the PyPI package 'oxigraph')")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_oxigraph(mode: str, port: int, location: Path | None = None, timeout_s: int = 30,
                   cors: bool = False, wait: float = 20.0) -> subprocess.Popen:
    """Start `oxigraph serve` or `serve-read-only` on 127.0.0.1:port; return once it answers."""
    command = [oxigraph_binary(), mode, "--bind", f"{HOST}:{port}", "--union-default-graph",
               "--timeout-s", str(timeout_s)]
    if location is not None:
        command += ["--location", str(location)]
    if cors:
        command.append("--cors")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = (process.stderr.read() if process.stderr else b"").decode(errors="replace")
            raise StoreError(f"the Oxigraph server stopped at once: {error.strip()[:400]}",
                             hint="is another process using the store or the port?")
        with socket.socket() as sock:
            sock.settimeout(0.2)
            if sock.connect_ex((HOST, port)) == 0:
                return process
        time.sleep(0.1)
    process.terminate()
    raise StoreError(f"the Oxigraph server did not answer on {HOST}:{port} within {wait:g} s")


def run(args: argparse.Namespace) -> int:
    store = Path(args.store) if args.store else default_store_path()
    if not store.is_dir() or not any(store.iterdir()):
        raise UsageError(f"no store at {store}", hint="ingest minutes first: overleg ingest FILES")
    open_graph(args, read_only=True).close()  # an index an older overleg made is remade first
    port = args.port or free_port()
    # Hold a shared lock while the server reads the folder, so an ingest cannot
    # start underneath it (pyoxigraph leaves that case undefined).
    lock = lock_store(store, exclusive=False)
    try:
        return _serve(store, port, args)
    finally:
        if lock is not None:
            lock.close()


def _serve(store: Path, port: int, args: argparse.Namespace) -> int:
    process = start_oxigraph("serve-read-only", port, store, args.timeout_s, args.cors)
    print(f"SPARQL endpoint (read-only): http://{HOST}:{port}/query", flush=True)
    print(f"Query page in a browser (YASGUI): http://{HOST}:{port}/", flush=True)
    print("Stop with Ctrl-C.", file=sys.stderr, flush=True)
    # SIGTERM (kill, a service manager) must stop the server too, not orphan it
    previous = signal.signal(signal.SIGTERM, _exit_on_term)
    try:
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


def _exit_on_term(signum: int, frame: object) -> None:
    raise SystemExit(0)
