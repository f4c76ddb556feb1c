"""`make bench`: the scale targets of issue 18 measured against baselines taken in the same run
(`python -m changai.bench`; see docs/bench.md). Not imported by the product."""
