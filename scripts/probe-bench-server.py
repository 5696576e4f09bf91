#!/usr/bin/env python3
"""A loopback HTTP server for the probe benchmark.

Listens on COUNT addresses 127.0.1.1, 127.0.1.2, ... 127.0.1.250, 127.0.2.1, ... (one listener each,
an ephemeral port each), answers every request with `200 OK` and closes, except on every
HANG_EVERY-th address, where it reads the request and says nothing for HANG_SECONDS. Writes a
targets file (YAML) for those addresses, prints `ready` and serves until its standard input
closes or MAX_SECONDS pass. Loopback only; it stops by itself.
"""
import argparse
import asyncio
import sys

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"


async def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--hang-every", type=int, default=0, help="every N-th target hangs (0: none)")
    p.add_argument("--hang-seconds", type=float, default=5)
    p.add_argument("--targets-out", required=True)
    p.add_argument("--max-seconds", type=float, default=900)
    args = p.parse_args()

    async def serve(reader, writer, hang):
        try:
            await reader.readuntil(b"\r\n\r\n")
            if hang:
                await asyncio.sleep(args.hang_seconds)
            else:
                writer.write(RESPONSE)
                await writer.drain()
        except Exception:
            pass
        finally:
            writer.close()

    servers, lines = [], ["targets:"]
    zones = ["us-east-1a", "us-east-1b", "us-east-1c"]
    for i in range(args.count):
        host = f"127.0.{1 + i // 250}.{1 + i % 250}"
        hang = args.hang_every > 0 and i % args.hang_every == 0
        server = await asyncio.start_server(lambda r, w, h=hang: serve(r, w, h), host, 0, backlog=256)
        port = server.sockets[0].getsockname()[1]
        servers.append(server)
        kind = "hang" if hang else "t"
        lines.append(f"  - {{id: {kind}-{i:04d}, zone: {zones[i % 3]}, url: 'http://{host}:{port}/health'}}")
    with open(args.targets_out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("ready", flush=True)

    loop = asyncio.get_running_loop()
    stdin_closed = loop.run_in_executor(None, sys.stdin.read)
    try:
        await asyncio.wait_for(stdin_closed, timeout=args.max_seconds)
    except asyncio.TimeoutError:
        pass


if __name__ == "__main__":
    asyncio.run(main())
