"""Text rules shared by every layer above: scripts and case, folding, transliteration, acronyms, tokens.

The bottom layer of the library (after the base modules): it imports nothing from
``align``, ``facts``, ``checks``, ``langid`` or anything above them, so every one of them may
use it. Where two parts of the tool used to keep their own copy of a rule with a different
behaviour, both behaviours live here under their own name or parameter, and the docstring
says how they differ: the outputs of the tool do not change by sharing the rule.
"""
