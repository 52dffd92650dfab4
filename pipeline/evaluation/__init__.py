"""Scoring the extraction on labeled evaluation sets (JSONL package data beside this module).

`set_files` names the sets (the real-posting corpus in `real/`, split into `dev` and a frozen
`test`; the sets written for the project); `load_eval_set` reads them; `evaluate` scores skills,
role, seniority, remote and salary; `bootstrap` gives each figure its 95% interval;
`evaluation_json` is what `jobtrends eval --json` prints.
"""

from jobtrends.pipeline.evaluation.corpus import set_files, split_digest
from jobtrends.pipeline.evaluation.intervals import Intervals, bootstrap
from jobtrends.pipeline.evaluation.intervals import as_json as intervals_json
from jobtrends.pipeline.evaluation.output import evaluation_json
from jobtrends.pipeline.evaluation.scoring import Evaluation, evaluate
from jobtrends.pipeline.evaluation.sets import GoldPosting, load_eval_set

__all__ = [
    "Evaluation",
    "GoldPosting",
    "Intervals",
    "bootstrap",
    "evaluate",
    "evaluation_json",
    "intervals_json",
    "load_eval_set",
    "set_files",
    "split_digest",
]
