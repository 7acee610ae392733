# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the Dokploy API simulator: python tests/simulator/run.py --api-key KEY [--port 0] [--state FILE] ..."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import os
import signal
import sys
import threading
import time


def main(argv=None):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from simulator import Simulator  # pylint: disable=import-outside-toplevel

    parser = argparse.ArgumentParser(description="Dokploy v0.30.2 API simulator")
    parser.add_argument("--api-key", default="sim-api-key")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--state", help="JSON file to load the state from and save it to")
    parser.add_argument("--ready-file", help="write the base URL into this file once listening")
    parser.add_argument("--deploy-duration", type=float, default=2.0, help="seconds a simulated deployment stays running")
    parser.add_argument("--version", dest="dokploy_version", default=None,
                        help="answer as this Dokploy version: 0.25 ... 0.30 (the last release of each) or e.g. 0.26.3")
    parser.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM; needs --tls-key)")
    parser.add_argument("--tls-key", help="the private key of --tls-cert (PEM)")
    parser.add_argument("--lifetime", type=float, default=None,
                        help="stop after this many seconds (a simulator started in the background never outlives its run)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)

    sim = Simulator(api_key=args.api_key, host=args.host, port=args.port, state_file=args.state,
                    deploy_duration=args.deploy_duration, verbose=args.verbose, version=args.dokploy_version,
                    tls=(args.tls_cert, args.tls_key) if args.tls_cert else None)
    stopping = threading.Event()

    def _stop(signum, frame):
        stopping.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    sim.start()
    print("Dokploy simulator listening on %s" % sim.url, flush=True)
    if args.ready_file:
        tmp = args.ready_file + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(sim.url)
        os.replace(tmp, args.ready_file)
    deadline = time.time() + args.lifetime if args.lifetime else None
    while not stopping.wait(0.2):
        if deadline is not None and time.time() > deadline:
            break
    sim.stop()
    print("Dokploy simulator stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
