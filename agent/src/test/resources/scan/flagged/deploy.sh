#!/bin/sh
# one-off deploy helper
aws configure set aws_access_key_id AKIAXTPLPFT7V4SEH2KV
aws configure set aws_secret_access_key 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
aws ecs update-service --cluster prod --service mm-bot --force-new-deployment
export REPORT_SIGNING_SECRET=u8jzPde0IgxLd6GncfBAepfJk2Qw
psql "postgres://reporter:Rq7-vT2x!k@db.internal:5432/reports" -c "select 1"
