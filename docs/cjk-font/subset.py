#!/usr/bin/env python3
"""Makes src/main/resources/org/slotscope/ui/i18n/fonts/wqy-microhei-gb2312.ttf, the Chinese font
the window loads when the system has none.

    apt-get download fonts-wqy-microhei && dpkg-deb -x fonts-wqy-microhei_*.deb x
    pip install fonttools       # made with fontTools 4.66.1
    python3 docs/cjk-font/subset.py x/usr/share/fonts/truetype/wqy/wqy-microhei.ttc out.ttf

Keeps the proportional face of the collection and the characters of GB 2312 (6763 hanzi, CJK
punctuation), printable ASCII, Latin-1, the CJK symbols block, full-width forms and the few
typographic marks the window's strings use; drops the hinting (1.3 MB instead of 5 MB).
"""
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection

source, target = sys.argv[1], sys.argv[2]
chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars |= {ord(c) for c in bytes([hi, lo]).decode('gb2312')}
        except UnicodeDecodeError:
            pass
chars |= set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
chars |= {0x2026, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x00B7, 0x2022, 0x2192, 0x2190, 0x2715, 0x2713}
font = TTCollection(source).fonts[0]  # "WenQuanYi Micro Hei"; fonts[1] is the Mono face
options = subset.Options()
options.name_IDs = ['*']
options.name_languages = ['*']
options.notdef_outline = True
options.layout_features = ['*']
options.hinting = False
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=chars)
subsetter.subset(font)
font.save(target)
print(font['name'].getDebugName(1), len(chars), 'characters')
