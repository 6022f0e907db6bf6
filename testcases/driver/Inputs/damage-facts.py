# Damages a facts file in place, for corrupt-facts.c (run by lit).
#   damage-facts.py FILE middle   flips the bits of the middle byte
#   damage-facts.py FILE line     moves the first location at line 8, column 2 to line 9:
#                                 the file still reads as valid MessagePack
#   damage-facts.py FILE file-id  gives that location a file id out of range and makes the
#                                 checksum right again (XXH3-64 from libxxhash): the cache's
#                                 check passes, the reader refuses the file
import ctypes
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
elif how == "file-id":
    m = re.search(rb"\x93[\x00-\x7f]\x08\x02", bytes(data))
    assert m, "no location at line 8, column 2"
    data[m.start() + 1] = 0x7F
    xxh = ctypes.CDLL("libxxhash.so.0")
    xxh.XXH3_64bits.restype = ctypes.c_uint64
    xxh.XXH3_64bits.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
    body = bytes(data[19:])  # FX_BODY_AT: after the prefix and the 16 hex digits
    data[3:19] = b"%016x" % xxh.XXH3_64bits(body, len(body))
else:
    sys.exit("unknown damage: " + how)
open(path, "wb").write(bytes(data))
