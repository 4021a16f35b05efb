"""Run every benchmark script in bench/, one after the other, passing on the arguments.

Modules whose name starts with an underscore are helpers of the scripts, not benchmarks.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(
        path
        for path in HERE.glob("*.py")
        if path.name != "run.py" and not path.name.startswith("_")
    )
    failures = 0
    for script in scripts:
        print(f"\n=== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script), *sys.argv[1:]], cwd=HERE.parent)
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
