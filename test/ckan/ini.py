"""Writes a CKAN ini from a template with some [app:main] options set: ini.py TEMPLATE OUT KEY=VALUE...

Plain line editing, without importing CKAN (each CKAN CLI start costs ~1 s, several under load,
so `ckan config-tool` is avoided on every start). An option already in [app:main] is replaced in
place; a new one is added at the end of that section.
"""
import re
import sys


def set_options(lines, options):
    out, section, pending = [], None, dict(options)

    def flush():
        for key, value in pending.items():
            out.append(f"{key} = {value}\n")
        pending.clear()

    for line in lines:
        header = re.match(r"^\s*\[([^\]]+)\]", line)
        if header:
            if section == "app:main":
                flush()
            section = header.group(1)
        elif section == "app:main":
            m = re.match(r"^\s*([^#;\s][^=]*?)\s*=", line)
            if m and m.group(1) in pending:
                line = f"{m.group(1)} = {pending.pop(m.group(1))}\n"
        out.append(line)
    if section == "app:main":
        flush()
    if pending:
        sys.exit("ini.py: the template has no [app:main] section")
    return out


def main():
    template, target, *pairs = sys.argv[1:]
    options = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            sys.exit(f"ini.py: expected KEY=VALUE, got {pair!r}")
        options[key.strip()] = value.strip()
    with open(template, encoding="utf-8") as f:
        lines = f.readlines()
    with open(target, "w", encoding="utf-8") as f:
        f.writelines(set_options(lines, options))


if __name__ == "__main__":
    main()
