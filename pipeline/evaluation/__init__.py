"""Scoring the extraction on labeled evaluation sets (JSONL package data beside this module).

`load_eval_set` reads the packaged sets (or given files); `evaluate` scores skills, role,
seniority and remote; `evaluation_json` is what `jobtrends eval --json` prints.
"""

from jobtrends.pipeline.evaluation.scoring import Evaluation, evaluate, evaluation_json
from jobtrends.pipeline.evaluation.sets import GoldPosting, load_eval_set

__all__ = ["Evaluation", "GoldPosting", "evaluate", "evaluation_json", "load_eval_set"]
