# A container image that publishes a finished quotes database with the site's plugin and
# metadata.yml, as `quotes serve --immutable` does:
#
#   quotes ingest news/ --db db/quotes.db
#   docker build -t quotes-site .                       # or --build-arg DB=path/to/other.db
#   docker run -p 8001:8001 quotes-site                 # http://127.0.0.1:8001/
#
# The database is copied into the image, read-only: build a new image to publish new quotes.
FROM python:3.11-slim
ARG DB=db/quotes.db
COPY . /src
RUN pip install --no-cache-dir -U pip && pip install --no-cache-dir /src && rm -rf /src
COPY ${DB} /data/quotes.db
EXPOSE 8001
# 0.0.0.0 inside the container; the host decides what reaches it (put TLS and rate limits in
# front of it, see "Publishing on the open web" in the README). Add "--cors" for other sites' pages.
CMD ["quotes", "serve", "--db", "/data/quotes.db", "--immutable", "--host", "0.0.0.0", "--port", "8001"]
