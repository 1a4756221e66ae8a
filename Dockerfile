# Production image: gunicorn serving the site, static files through WhiteNoise.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8000

RUN useradd --create-home --uid 1000 kindness
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY --chown=kindness:kindness . .
# collectstatic needs settings but no secrets or database.
RUN DEBUG=0 SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v0

USER kindness
EXPOSE 8000
# Release steps, not run on every start: `python manage.py migrate`, then
# `python manage.py set_public_url` (points the site record at PUBLIC_URL).
# The same image runs the newsletter's email worker:
#   python manage.py db_worker --backend email --no-reload
CMD ["sh", "-c", "gunicorn kindness.wsgi:application --bind 0.0.0.0:${PORT} --workers 3 --access-logfile -"]
