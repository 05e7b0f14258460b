package org.slotscope.engine.command;

/**
 * stringmatchlen (util.c): Redis's glob matching for KEYS, SCAN MATCH and CONFIG GET.
 * Supports *, ?, [abc], [^abc], [a-z] and \x escapes, byte by byte.
 */
public final class Glob {
    private Glob() {
    }

    public static boolean matches(byte[] pattern, byte[] string, boolean noCase) {
        return match(pattern, 0, string, 0, noCase, 0);
    }

    public static boolean matches(String pattern, String string, boolean noCase) {
        return matches(Args.bytes(pattern), Args.bytes(string), noCase);
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si, boolean noCase, int nesting) {
        // Redis bounds the recursion of '*' to avoid pathological patterns.
        if (nesting > 1000) {
            return false;
        }
        while (pi < p.length && si < s.length) {
            switch (p[pi]) {
                case '*': {
                    while (pi + 1 < p.length && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length) {
                        return true;
                    }
                    for (int from = si; from < s.length; from++) {
                        if (match(p, pi + 1, s, from, noCase, nesting + 1)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?':
                    si++;
                    break;
                case '[': {
                    pi++;
                    boolean not = pi < p.length && p[pi] == '^';
                    if (not) {
                        pi++;
                    }
                    boolean matched = false;
                    while (true) {
                        if (pi >= p.length) {
                            pi--; // unterminated class: like Redis, treat the end as closing it
                            break;
                        }
                        if (p[pi] == '\\' && pi + 1 < p.length) {
                            pi++;
                            if (same(p[pi], s[si], noCase)) {
                                matched = true;
                            }
                        } else if (p[pi] == ']') {
                            break;
                        } else if (pi + 2 < p.length && p[pi + 1] == '-') {
                            int start = p[pi] & 0xFF;
                            int end = p[pi + 2] & 0xFF;
                            int c = s[si] & 0xFF;
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            if (noCase) {
                                start = Character.toLowerCase(start);
                                end = Character.toLowerCase(end);
                                c = Character.toLowerCase(c);
                            }
                            pi += 2;
                            if (c >= start && c <= end) {
                                matched = true;
                            }
                        } else if (same(p[pi], s[si], noCase)) {
                            matched = true;
                        }
                        pi++;
                    }
                    if (not) {
                        matched = !matched;
                    }
                    if (!matched) {
                        return false;
                    }
                    si++;
                    break;
                }
                case '\\':
                    if (pi + 1 < p.length) {
                        pi++;
                    }
                    // fall through: match the escaped byte literally
                default:
                    if (!same(p[pi], s[si], noCase)) {
                        return false;
                    }
                    si++;
                    break;
            }
            pi++;
        }
        if (si == s.length) {
            while (pi < p.length && p[pi] == '*') {
                pi++;
            }
        }
        return pi == p.length && si == s.length;
    }

    private static boolean same(byte a, byte b, boolean noCase) {
        if (a == b) {
            return true;
        }
        return noCase && Character.toLowerCase(a & 0xFF) == Character.toLowerCase(b & 0xFF);
    }
}
