# The two commands of the README's quick start.
.PHONY: demo test setup audit bench

demo:
	scripts/setup.sh app
	TANDEM_DEMO=1 .venv/bin/flask --app app seed-demo
	@echo "Tandem demo on http://127.0.0.1:5000 (Ctrl-C to stop)"
	TANDEM_DEMO=1 .venv/bin/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:5000 --workers 2 --threads 4 \
		--worker-class gthread --timeout 30 --preload --max-requests 50000 --max-requests-jitter 5000 \
		--logger-class blueprints.gunicorn_logging.RedactingLogger --access-logformat '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss' --access-logfile - "app:create_app()"

test:
	scripts/test.sh

setup:
	scripts/setup.sh test

audit:
	scripts/setup.sh test
	.venv/bin/python scripts/audit_dependencies.py

# Issue 14's figures (bench/README.md); not part of `make test`. Takes long at 100k cases.
SIZES ?= 1000 10000 100000
DATABASES ?= sqlite postgresql
bench:
	scripts/setup.sh test
	.venv/bin/python bench/run.py --sizes $(SIZES) --databases $(DATABASES)
