# Sends a signal to lockwarden while its clang children run, for runaway.c (run by lit):
#   stop-run.py SIGNAL CACHE_DIR LOCKWARDEN ARGS...
# Waits until lockwarden has a child, signals lockwarden alone (not its process group),
# then prints how lockwarden ended, whether any child was left running (and kills it,
# so that a failing run leaves nothing behind), and any half-written file in the cache.
import os
import signal
import subprocess
import sys
import time

sig = getattr(signal, sys.argv[1])
cache = sys.argv[2]
cmd = sys.argv[3:]


def children(pid):
    kids = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            kids.append(int(d))
    return kids


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def as_from_a_shell():
    # lit runs tests with SIGINT ignored, which lockwarden (rightly) keeps ignoring.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                     preexec_fn=as_from_a_shell)
deadline = time.time() + 30
kids = []
while not kids and time.time() < deadline and p.poll() is None:
    time.sleep(0.05)
    kids = children(p.pid)
print("children:", len(kids) > 0)
time.sleep(0.3)
p.send_signal(sig)
out, err = p.communicate(timeout=30)
sys.stdout.write(err.decode())
print("status:", -p.returncode if p.returncode < 0 else "exit %d" % p.returncode)
time.sleep(0.2)
left = [k for k in kids if alive(k)]
for k in left:
    os.kill(k, signal.SIGKILL)
print("left running:", len(left))
print("partial files:", sorted(f for f in os.listdir(cache) if ".tmp." in f))
