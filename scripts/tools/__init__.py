"""Developer tools, apart from the pipeline (which never imports them): the benchmark, the synthetic corpus, the
search download budget. Run them as modules: `python -m scripts.tools.bench`."""
