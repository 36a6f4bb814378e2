#!/bin/sh
# synthetic scanner test canaries, written for credwatch: not real credentials
export DEPLOY_PASSWORD=girobm#zD
export API_SECRET="GsTy50NeuPwap4Pg18CLnpRyoxdNag2N"
curl -H "Authorization: Bearer ghp_TAxpSjrVoglviR3k9nVHXSOp8ip0ug5otufS" https://api.github.com/user
psql "postgresql://deploy:vJtZgvH%7j@db.internal/app" -c "select 1"
curl -X POST -d @msg.json https://hooks.slack.com/services/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
export DEPLOY_PASSWORD="$(aws secretsmanager get-secret-value --secret-id deploy --query SecretString --output text)"
psql "postgresql://deploy@db.internal/app" -c "select 1"
export API_SECRET="${API_SECRET:?}"
password=$(cat /run/credentials/deploy/password)
echo "token: ${TOKEN}"
git checkout f4394a1e02592a85450be7dd81a494b5131a60a1
ssh-keygen -t ed25519 -f ~/.ssh/deploy_key -N ""
export PASSWORD_PROMPT="Enter password:"
