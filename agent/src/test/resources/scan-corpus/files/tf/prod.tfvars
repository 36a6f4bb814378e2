# synthetic scanner test canaries, written for credwatch: not real credentials
db_password = "hUBmvaP*zJ"
api_token = "GoqfodfYPH4sYhSrCysvVEHXyWOb3JYL"
db_password_secret_arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf"
instance_key_pair = "prod-bastion"
kms_key_id = "alias/reports"
db_password = var.db_password
admin_password = "changeme123"
datadog_api_key = "874796b88e509fbefb5d15bb7e9acd20"
public_key = "ssh-rsa AAAAB3NzaC1yc2EYUZjzL5rM7pqQxXYGSmic6NTjtANK72xqGBdYgttyIrLLbFWYuZHdFIz3VjI ops"
