"""Bullet templates: responsibilities per kind of job, requirement and nice-to-have frames.

`family` is a role id, or for `other` the kind of job ("backend", "devops", ...). Frames with
`{s1}`..`{s3}` take skill names; every other frame is skill-free by construction.
"""

from __future__ import annotations

RESPONSIBILITIES: dict[str, tuple[str, ...]] = {
    "ml_engineer": (
        "[Build|Own|Design and build] training pipelines for the models behind our {product}",
        "[Turn|Transform] raw {data} into [features|model inputs] that are [fresh|versioned] and [well tested|documented]",  # noqa: E501
        "[Set up|Improve|Own] offline and online evaluation for [scoring|{task}] models",
        "[Take|Move] models from a promising notebook to a monitored production service",
        "[Run|Operate|Scale] batch and real-time scoring that serves [millions of|a lot of] predictions a day",  # noqa: E501
        "[Watch for|Detect and respond to] drift, and [schedule|automate] retraining when the data moves",  # noqa: E501
        "[Try|Test] new model architectures for {task} and [keep|ship] the ones that win",
        "[Add|Write] data quality checks on the {data} our models learn from",
        "[Keep|Hold] model inference inside [tight|agreed] latency and cost budgets",
        "[Work with|Partner with] our operations team on labeling workflows that improve training data",  # noqa: E501
        "[Build|Maintain] shared tooling that lets other teams train and ship their own models",
        "[Write|Publish] model documentation so partners understand what our models can and cannot do",  # noqa: E501
    ),
    "llm_engineer": (
        "[Build|Design and own|Improve] document search pipelines over {data}",
        "[Write|Maintain|Grow] evaluation suites that catch regressions before a prompt or model change ships",  # noqa: E501
        "[Build|Design] multi-step workflows that call internal tools on behalf of {users}",
        "[Own|Iterate on] prompt and context strategies for our {product}",
        "[Add|Build] checks that keep answers grounded in the source {data}",
        "[Tune|Own] chunking, indexing and ranking for search over [millions of|all our] {data}",
        "[Train|Adapt] small models that handle narrow tasks cheaply",
        "[Add|Build] tracing and observability for multi-step model calls",
        "[Close the loop|Build feedback loops] so reviewers can correct the system and we learn from it",  # noqa: E501
        "[Track|Report on] cost and latency for every model we call",
        "[Extract|Pull] structured fields from {data} [reliably|at high accuracy]",
        "[Curate|Maintain] the golden datasets we use to compare model versions",
    ),
    "ai_application_developer": (
        "[Ship|Build] user-facing features that call model APIs behind the scenes",
        "[Build|Own] the backend services that stream model responses into our web app",
        "[Design|Build] onboarding flows that show new {users} what the assistant can do",
        "[Add|Build] settings, permissions and audit trails for AI features used by {customers}",
        "[Handle|Design] graceful fallbacks for when a model call is slow or fails",
        "[Build|Own] usage metering and billing for AI features",
        "[Build|Improve] internal admin tools our support team uses to debug conversations",
        "[Build|Maintain] integrations that bring {data} from customer systems into our product",
        "[Roll out|Launch] new model-backed capabilities behind feature flags",
        "[Polish|Rebuild] the chat and document views {users} spend their day in",
        "[Instrument|Measure] which AI features people actually use, and act on it",
        "[Write|Maintain] end-to-end tests for flows that depend on non-deterministic model output",
    ),
    "ai_infrastructure_engineer": (
        "[Run|Build and operate|Own] the accelerator clusters our researchers train on",
        "[Build|Improve] scheduling and quota systems that share accelerators fairly between teams",
        "[Keep|Make] inference services fast under bursty traffic",
        "[Own|Build] the model registry and rollout process for every model we ship",
        "[Tune|Design] autoscaling for our serving fleet",
        "[Build|Speed up] storage and data loaders that keep accelerators busy during training",
        "[Add|Build] observability for training jobs: throughput, failures and cost per run",
        "[Build|Harden] checkpointing and recovery so long training runs survive hardware faults",
        "[Write|Tune] kernels and compiler passes that squeeze more throughput out of our hardware",
        "[Plan|Forecast] capacity with our cloud providers",
        "[Build|Own] the internal platform other engineers use to launch experiments",
        "[Write|Improve] runbooks and lead incident reviews for the serving stack",
    ),
    "data_scientist": (
        "[Design and analyze|Run|Own] experiments that show whether a product change actually helped",  # noqa: E501
        "[Build|Own] forecasts of {metric} that finance and operations plan against",
        "[Define|Own] the dashboards and metric definitions leadership trusts",
        "[Segment|Study] {customers} to guide our roadmap",
        "[Run|Lead] causal analyses when a clean experiment is not possible",
        "[Partner with|Work with] our revenue team on pricing analyses",
        "[Dig into|Explain] why {metric} moved last quarter",
        "[Build|Maintain] models that flag risky {data} for human review",
        "[Own|Maintain] the tables behind our core metrics",
        "[Give|Bring] product managers recommendations backed by clear evidence",
        "[Combine|Study] survey and usage data to understand how {users} work",
        "[Build|Create] self-serve analysis tools so teams can answer simple questions themselves",
    ),
    "ml_researcher": (
        "[Explore|Develop] new training objectives and data mixtures",
        "[Develop|Invent] methods that make models reason more reliably over long inputs",
        "[Design|Build] evaluations that measure capabilities we care about, not just benchmark scores",  # noqa: E501
        "[Develop|Improve] training recipes that raise helpfulness without losing accuracy",
        "[Run|Design] scaling studies to decide where the next unit of compute should go",
        "[Publish|Present] papers at top venues and release code when we can",
        "[Reproduce|Stress-test] ideas from recent papers on our own data",
        "[Build|Study] models that read {data} alongside images and tables",
        "[Work with|Partner with] engineering to turn results into product improvements",
        "[Study|Probe] what our models learn, and why they fail",
        "[Develop|Explore] ways to create training data for domains where labels are scarce",
        "[Shape|Set] a research agenda with a small team of scientists",
    ),
    "backend": (
        "[Build|Own] services and APIs that handle our customers' most important workflows",
        "[Design|Evolve] database schemas and migrations for a growing product",
        "[Own|Rebuild] billing and account systems",
        "[Build|Run] queues and background jobs that process {data}",
        "[Maintain|Write] internal libraries other teams build on",
        "[Speed up|Profile] our slowest endpoints",
        "[Build|Maintain] integrations with partner systems",
        "[Lead|Join] incident reviews and ship the fixes that come out of them",
    ),
    "devops": (
        "[Manage|Own] cloud infrastructure as code across several environments",
        "[Build|Improve] deployment pipelines that let engineers ship many times a day",
        "[Tune|Own] monitoring and alerting so the right person is paged for the right reasons",
        "[Run|Lead] cost reviews of our cloud bill",
        "[Harden|Review] security settings and access controls",
        "[Run|Plan] disaster recovery drills",
        "[Improve|Own] the on-call rotation and its tooling",
        "[Build|Offer] self-service environments for product teams",
    ),
    "sales_engineering": (
        "[Run|Lead] technical discovery calls with prospective {customers}",
        "[Give|Build] demos tailored to each prospect's workflow",
        "[Build|Deliver] proofs of concept that connect our product to a customer's systems",
        "[Answer|Handle] security questionnaires and architecture reviews",
        "[Bring|Carry] feedback from the field to our product team",
        "[Own|Lead] the technical side of large deals alongside account executives",
        "[Write|Maintain] sample code and integration guides",
        "[Run|Host] workshops for new customers",
    ),
    "annotation": (
        "[Label|Annotate] {data} following detailed guidelines",
        "[Rate|Score] model answers for accuracy, tone and safety",
        "[Write|Draft] examples that show a model what a great answer looks like",
        "[Flag|Escalate] edge cases where the guidelines are unclear",
        "[Review|Check] other annotators' work for quality",
        "[Report|Share] recurring model mistakes with the research team",
        "[Join|Take part in] weekly calibration sessions with the quality team",
    ),
    "frontend": (
        "[Build|Own] the web app {users} rely on every day",
        "[Grow|Maintain] a shared component library and design system",
        "[Improve|Own] accessibility and performance across the product",
        "[Ship|Build] new onboarding and settings pages",
        "[Work|Partner] closely with designers on new features",
        "[Write|Maintain] frontend tests that keep releases calm",
        "[Review|Share] code, and use AI coding assistants to move faster on routine work",
    ),
}

PLAIN_TAILS = (
    "",
    "",
    " so that {users} can trust the results",
    " [alongside|together with] product and design",
    ", from [design doc|first sketch|proposal] to [rollout|launch|production]",
    " with a focus on [reliability|simplicity|speed|cost]",
    " for {customers} [large and small|around the world|of every size]",
    " and [share|write up|present] what you learn",
    " [as our|while the] {product} [grows|scales|gains customers]",
    " [in close collaboration with|with help from] [our support team|the founders|senior staff]",
    " [in your first six months|over the coming year|this year]",
)
SKILL_TAILS_1 = (
    " using {s1}",
    " with {s1}",
    ", [mostly|largely] in {s1}",
    " [in|with] {s1}",
    " ([today that means|we use] {s1})",
)
SKILL_TAILS_2 = (
    " using {s1} and {s2}",
    " with {s1} and {s2}",
    " ([today that means|we use] {s1} and {s2})",
)

# Requirement frames keyed by how many skills they take.
REQUIRE_FRAMES: dict[int, tuple[str, ...]] = {
    1: (
        "[Strong|Solid|Deep] experience with {s1} [in production|at scale|on real products]",
        "[Proficiency|Expertise|Fluency] in {s1}",
        "You have [shipped|built|run] {thing} using {s1}",
        "A track record of [using|applying] {s1} to [real problems|messy, real-world data]",
        "You know {s1} well enough to [teach it|debug it under pressure|read its source when the docs run out]",  # noqa: E501
        "[Professional|Recent] experience [working with|writing|operating] {s1}",
        "[Comfort|Confidence] with {s1} [and its ecosystem|and the tooling around it]",
        "[Hands-on|Practical] knowledge of {s1}",
    ),
    2: (
        "Fluency in {s1} and {s2}",
        "Hands-on experience with {s1}, {s2} or [similar tools|comparable frameworks]",
        "Comfort working in {s1}; [familiarity|some experience] with {s2} [helps|is useful]",
        "Working knowledge of {s1} [and|as well as] {s2}",
        "[Experience|Time spent] building {thing} with {s1} and {s2}",
        "You have used {s1} or {s2} [in production|for serious work]",
    ),
    3: (
        "Practical experience with {s1}, {s2} and {s3}",
        "Familiarity with [tools such as|the likes of] {s1}, {s2} or {s3}",
        "[Experience|A background] across {s1}, {s2} and {s3}",
    ),
}
NICE_FRAMES: dict[int, tuple[str, ...]] = {
    1: (
        "Experience with {s1}",
        "Familiarity with {s1}",
        "You have contributed to {s1} or a similar open-source project",
        "Some time spent with {s1}",
        "Past work with {s1} in a [startup|fast-moving] setting",
        "You have worked with {s1} before",
        "Any experience with {s1} is a plus",
    ),
    2: (
        "Exposure to {s1} or {s2}",
        "Knowledge of {s1} and {s2}",
        "[Experience|Familiarity] with {s1} or {s2}",
    ),
}

THINGS: dict[str, str] = {
    "ml_engineer": "[production models|model pipelines]",
    "llm_engineer": "[language-model features|search systems]",
    "ai_application_developer": "[user-facing products|web applications]",
    "ai_infrastructure_engineer": "[large-scale infrastructure|serving systems]",
    "data_scientist": "[analyses that changed decisions|forecasts people plan against]",
    "ml_researcher": "[research prototypes|training experiments]",
    "backend": "[backend services|APIs]",
    "devops": "[production infrastructure|deployment pipelines]",
    "sales_engineering": "[customer integrations|proofs of concept]",
    "annotation": "[writing samples|labeled datasets]",
    "frontend": "[web applications|design systems]",
}

YEARS_FRAMES = (
    "{years} years of [professional|industry|hands-on] experience [in software engineering|building {thing}|in a similar role]",  # noqa: E501
    "{years} years [working on|shipping] {thing}",
)

GENERIC_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "engineering": (
        "[A degree in computer science or a related field, or equivalent experience|Equivalent practical experience counts as much as a degree|A computer science degree is welcome but not required]",  # noqa: E501
        "[Clear|Crisp|Careful] written communication; you [document decisions|write things down|leave a paper trail] [as a habit|by default|without being asked]",  # noqa: E501
        "[A bias toward shipping|You like shipping small changes often|You prefer shipping to polishing in private] and learning from [real usage|customers|production]",  # noqa: E501
        "Comfort with [ambiguity|open questions|unclear problems] and [changing priorities|a fast-moving roadmap|a young codebase]",  # noqa: E501
        "You enjoy working closely with [product managers|designers|customers|support] [and|as well as] [other engineers|the founders|our data team]",  # noqa: E501
        "[Care for|Pride in|High standards for] [code quality|reliability|the people who use what you build|the details]",  # noqa: E501
        "[Curiosity about|Genuine interest in|Some excitement about] {area} [and the people who work in it|and its problems|]",  # noqa: E501
        "You can explain technical trade-offs to [people outside engineering|a non-technical audience|customers and colleagues alike]",  # noqa: E501
        "[Good judgment about|A sense for] when to [build|reuse|buy] and when to [wait|say no]",
        "[Experience|Comfort] [reviewing code|giving and receiving code review] [with kindness|in a small team|across teams]",  # noqa: E501
    ),
    "data_scientist": (
        "A degree in [statistics|economics|mathematics|physics] or another quantitative field",
        "[Strong|Solid|Deep] grounding in [experimental design|survey design|forecasting] and causal reasoning",  # noqa: E501
        "You can explain a result to [an executive|a product manager|a customer] in [three sentences|one slide|a short memo]",  # noqa: E501
        "[Healthy skepticism|Skepticism|A nose for trouble] about numbers that look too good",
        "[Curiosity about|Genuine interest in] {area}",
        "Experience working with [product|finance|marketing|operations] and business partners",
        "[Comfort|Experience] with messy, incomplete data and [the judgment|the patience] to clean it",  # noqa: E501
    ),
    "ml_researcher": (
        "A PhD in [computer science|mathematics|physics|statistics] or a related field, or equivalent research experience",  # noqa: E501
        "Publications at top venues, or open-source work that others [build on|cite|use]",
        "[Strong|Solid|Deep] mathematical foundations [in optimization|in probability|in linear algebra|]",  # noqa: E501
        "The ability to turn an idea into a clean experiment [quickly|within days|without fuss]",
        "You enjoy explaining research to [engineers and product people|a broad audience|the whole company]",  # noqa: E501
    ),
    "sales_engineering": (
        "Experience in a customer-facing technical role [at a software company|in B2B software|]",
        "You can run a demo for a CTO and for an operations team on the same day",
        "Excellent written and spoken communication",
        "[Willingness|Readiness] to travel up to [a quarter|a third] of the time",
        "Familiarity with how {customers} buy software",
    ),
    "annotation": (
        "Excellent written English[| and a second language]",
        "[Great|Careful|Meticulous] attention to detail",
        "[Subject knowledge|A background|A degree] in {area} is welcome",
        "You can follow detailed guidelines and notice when they fall short",
        "A reliable internet connection and a quiet place to work",
    ),
}
GENERIC_NICE = (
    "Prior experience in {area}[| or a neighbouring field]",
    "Experience at an [early-stage|fast-growing|small] startup",
    "Open-source contributions you are proud of",
    "Experience mentoring [other engineers|junior colleagues|interns]",
    "[Talks|Blog posts|Writing] on topics you care about",
    "You have worked directly with [customers|users|{users}]",
    "You have [founded a company|joined a company early] before",
)


def generic_group(family: str) -> str:
    if family in GENERIC_REQUIREMENTS:
        return family
    return "engineering"
