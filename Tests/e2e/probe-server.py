#!/usr/bin/env python3
"""Loopback HTTP servers for the `fleetwatch probe` end-to-end test, one behaviour per port.

Starts one listener per behaviour on 127.0.0.1 (ephemeral ports), writes a targets file (YAML)
naming each as a target (and one port that refuses connections), prints `ready` and serves until
its standard input closes or --max-seconds pass. With --flip FILE, the `flip` target answers 200
until FILE exists, then 503: a state change the test causes while the probe runs. With --flap
SECONDS, the `flip` target instead alternates between 200 and 503 every SECONDS (the soak).
"""
import argparse
import asyncio
import os
import socket
import sys
import time

ANSWERS = {
    "ok": b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
    "down": b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\ndown",
    "moved": b"HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    "garbage": b"SSH-2.0-OpenSSH_9.2\r\n",
}


async def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--targets-out", required=True)
    p.add_argument("--flip", help="after this file appears, the flip target answers 503")
    p.add_argument("--flap", type=float, help="the flip target alternates 200/503 every this many seconds")
    p.add_argument("--max-seconds", type=float, default=300)
    args = p.parse_args()

    async def serve(reader, writer, kind):
        try:
            await reader.readuntil(b"\r\n\r\n")
            if kind == "hang":
                await asyncio.sleep(60)
            elif kind == "flip":
                if args.flap:
                    flipped = int(time.monotonic() / args.flap) % 2 == 1
                else:
                    flipped = args.flip and os.path.exists(args.flip)
                writer.write(ANSWERS["down" if flipped else "ok"])
            else:
                writer.write(ANSWERS[kind])
            await writer.drain()
        except (Exception, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    zones = {"ok": "us-east-1a", "down": "us-east-1b", "moved": "us-east-1c", "hang": "us-east-1a",
             "garbage": "us-east-1b", "flip": "us-east-1c"}
    servers, lines = [], ["defaults:", "  path: /health", "targets:"]
    for kind, zone in zones.items():
        server = await asyncio.start_server(lambda r, w, k=kind: serve(r, w, k), "127.0.0.1", 0)
        servers.append(server)
        port = server.sockets[0].getsockname()[1]
        lines.append(f"  - {{id: {kind}, zone: {zone}, host: 127.0.0.1, port: {port}}}")
    # A port nobody listens on: bind, note the port, close (refused from then on).
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        refused = s.getsockname()[1]
    lines.append(f"  - {{id: refused, zone: us-east-1c, url: 'http://127.0.0.1:{refused}/health'}}")
    with open(args.targets_out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("ready", flush=True)

    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(loop.run_in_executor(None, sys.stdin.read), timeout=args.max_seconds)
    except asyncio.TimeoutError:
        pass


if __name__ == "__main__":
    asyncio.run(main())
