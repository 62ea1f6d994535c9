#!/usr/bin/env python3
"""Where wic.js's bytes go (docs/wic.md "Size").

Build the readable bundle first:
  flock /tmp/webims-build.lock mvn -B -ntp -o -pl wic-client -am process-classes -Dwic.js.minifying=false
then run:
  python3 wic-client/scripts/wic-size.py wic-client/target/classes/META-INF/resources/wic/wic.js [top]

The file is cut into its top-level items (a line at column 0 starting a `function`, a `let` or a
binding of a `let` list), each named by its first identifier and grouped by TeaVM's class prefix
(`owsp_SipParser_parse` -> `owsp_SipParser`; `$rt_*` -> runtime). A group's gzip share is how much smaller
the whole file gzips (level 9) without it, so text shared between groups is not counted twice.
The string pool and class metadata are single items of their own.
"""
import re
import sys
import zlib

def gz(data):
    return len(zlib.compress(data, 9))

def group_of(name):
    if name.startswith('$rt_') or name.startswith('$dbg_') or name.startswith('$'):
        return '$rt (runtime)'
    parts = name.split('_')
    if len(parts) >= 2 and parts[0].islower():
        return parts[0] + '_' + parts[1].split('$')[0]
    return name

def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    lines = open(path, encoding='utf-8').read().split('\n')
    start = re.compile(r'^(?:function |let |const )?([A-Za-z_$][\w$]*)\s*(?:=|\()')
    items = []  # (name, text)
    current_name, current = 'prologue', []
    for line in lines:
        m = start.match(line)
        if m and not line.startswith(' ') and not line.startswith('}'):
            items.append((current_name, '\n'.join(current)))
            current_name, current = m.group(1), []
        current.append(line)
    items.append((current_name, '\n'.join(current)))
    whole = '\n'.join(text for _, text in items).encode()
    base = gz(whole)
    groups = {}
    for name, text in items:
        if 'stringPool' in name or text.lstrip().startswith('$rt_stringPool(['):
            g = 'string pool'
        elif 'metadata' in name:
            g = 'class metadata'
        else:
            g = group_of(name)
        groups.setdefault(g, []).append(text)
    rows = []
    for g, texts in groups.items():
        keep = set(id(t) for t in texts)
        rest = '\n'.join(text for _, text in items if id(text) not in keep).encode()
        rows.append((base - gz(rest), sum(len(t) for t in texts), g))
    rows.sort(reverse=True)
    print(f'{path}: {len(whole)} bytes raw, {base} gzip -9, {len(items)} items, {len(groups)} groups')
    print(f'{"gzip share":>10} {"raw":>8}  group')
    for share, raw, g in rows[:top]:
        print(f'{share:>10} {raw:>8}  {g}')

if __name__ == '__main__':
    main()
