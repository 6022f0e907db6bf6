# Damages a facts file in place, for corrupt-facts.c (run by lit).
#   damage-facts.py FILE middle   flips the bits of the middle byte
#   damage-facts.py FILE line     moves the first location at line 8, column 2 to line 9:
#                                 the file still reads as valid MessagePack
import re
import sys

path, how = sys.argv[1], sys.argv[2]
data = bytearray(open(path, "rb").read())
if how == "middle":
    data[len(data) // 2] ^= 0xFF
elif how == "line":
    # A location is the array [file, line, col]: fixarray of 3, then three fixints.
    m = re.search(rb"\x93[\x00-\x7f]\x08\x02", bytes(data))
    assert m, "no location at line 8, column 2"
    data[m.start() + 2] = 9
else:
    sys.exit("unknown damage: " + how)
open(path, "wb").write(bytes(data))
