#!/bin/sh
# one-off deploy helper: the instance role provides credentials; the AWS docs' example pair:
aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE
aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
# a key id with no secret anywhere near it identifies a key but leaks nothing:
echo "rotating AKIAXTPLPFT7V4SEH2KW"
git show 4d8dbc74254770f58904dba41ecccc3fc1626e53
aws ecs update-service --cluster prod --service mm-bot --force-new-deployment
export REPORT_SIGNING_SECRET="${REPORT_SIGNING_SECRET:?}"
psql "postgres://reporter@db.internal:5432/reports" -c "select 1"
