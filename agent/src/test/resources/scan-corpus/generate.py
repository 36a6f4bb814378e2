# Writes files/ and labels.tsv of the scan corpus (ScanCorpusTest): python3 generate.py OUTDIR, then move
# OUTDIR/labels.tsv beside files/. Values are synthetic canaries from a seeded generator, shaped after the
# issuers' published token formats; seeded, so the output is the same on every run.
import random, base64, os, struct, sys
R = random.Random(1717)
B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
BAD = ["changeme","change_me","replace","your","placeholder","example","dummy","redacted","fixme","todo","xxx",
       "insert","fill","notset","not_set","sample","fake","here","dont","test","enc","key","pass","secret","token"]
def ok(s):
    l = s.lower()
    if any(b in l for b in BAD): return False
    for i in range(len(s)-5):
        if len(set(s[i:i+6]))==1: return False
    run=1
    for i in range(1,len(s)):
        run = run+1 if ord(s[i])==ord(s[i-1])+1 else 1
        if run>=8: return False
    return True
def rnd(n, alpha=B62):
    while True:
        s=''.join(R.choice(alpha) for _ in range(n))
        if ok(s) and len(set(s))>=min(8,n//2): return s
HEX='0123456789abcdef'
DIG='0123456789'
URLS='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
def gh(p): return p+rnd(36)
def github_pat(): return 'github_pat_'+rnd(22)+'_'+rnd(59)
def glpat(): return 'glpat-'+rnd(20,URLS)
def slack(p='xoxb'): return p+'-'+rnd(11,DIG)+'-'+rnd(13,DIG)+'-'+rnd(24)
def slack_hook_url(): return 'https://hooks.slack.com/services/T'+rnd(8,B62[:26]+DIG)+'/B'+rnd(10,B62[:26]+DIG)+'/'+rnd(24)
def stripe(p): return p+rnd(24)
def telegram(): return rnd(9,DIG).lstrip('0').rjust(9,'7')+':AA'+rnd(33,URLS)
def npm(): return 'npm_'+rnd(36)
def pypi(): return 'pypi-AgEIcHlwaS5vcmc'+rnd(70,URLS)
def sendgrid(): return 'SG.'+rnd(22,URLS)+'.'+rnd(43,URLS)
def twilio(p): return p+rnd(32,HEX)
def google(): return 'AIza'+rnd(35,URLS)
def discord_url(): return 'https://discord.com/api/webhooks/'+rnd(18,DIG).lstrip('0').rjust(18,'9')+'/'+rnd(68,URLS)
def slack_hook(): u=slack_hook_url(); HOOKVALS[u]=u.rsplit('/',1)[1]; return u
def discord(): u=discord_url(); HOOKVALS[u]=u.rsplit('/',1)[1]; return u
HOOKVALS={}
def openai(): return 'sk-proj-'+rnd(24)+'T3BlbkFJ'+rnd(24)
def pw(n=10): return rnd(n-3)+R.choice('!#%&*+-?')+rnd(2)
def b64(n): return rnd(n, B62+'+/')

files = {}   # path -> list of (text, expect, cls, value)
def f(path, *rows):
    files.setdefault(path, [])
    for r in rows:
        if isinstance(r, str): files[path].append((r,None,None,None))
        else:
            text, exp, cls = r[0], r[1], r[2]
            val = r[3] if len(r)>3 else None
            files[path].append((text,exp,cls,val))

HDR='# synthetic scanner test canaries, written for credwatch: not real credentials'
def S(text, rule, cls, val): return (text, rule, cls, val)
def C(text, cls): return (text, 'clean', cls)

# ---------- dotenv ----------
v=[gh('ghp_'),gh('gho_'),gh('ghu_'),gh('ghs_'),gh('ghr_'),github_pat(),glpat(),slack('xoxb'),slack('xoxp'),slack_hook(),
   stripe('sk_live_'),stripe('sk_test_'),stripe('rk_live_'),telegram(),npm(),sendgrid(),twilio('SK'),twilio('AC'),google(),discord(),openai()]
names=['CI_HELPER','OAUTH_APP_VALUE','GH_USER_CRED_VALUE','GH_SERVER','GH_REFRESH','FINE_GRAINED','GITLAB_CI_VALUE','NOTIFIER','SLACK_USER_VALUE','ALERT_WEBHOOK',
       'STRIPE','STRIPE_STAGING','STRIPE_RESTRICTED','TG_BOT','NPM_PUBLISH','MAIL_API','TWILIO_SID_SK','TWILIO_ACCOUNT','MAPS','DISCORD_HOOK','LLM']
rows=[HDR]
for n,x in zip(names,v): rows.append(S(f'{n}={x}','known-token','token',x))
rows += [C('STRIPE_PUBLISHABLE=pk_live_'+rnd(24),'public'), C('GITHUB_TOKEN=ghp_'+'x'*36,'placeholder'),
         C('SLACK_BOT=xoxb-your-bot-token-here','placeholder'), C('STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx','placeholder'),
         C('GIT_SHA='+rnd(40,HEX),'identifier'), C('REQUEST_ID='+'-'.join(rnd(k,HEX) for k in (8,4,4,4,12)),'identifier'),
         C('IMAGE=registry.internal/app@sha256:'+rnd(64,HEX),'identifier'), C('NPM_CONFIG_CACHE=/tmp/npm-cache','plain'),
         C('SLACK_CHANNEL=#deploys','plain'), C('TELEGRAM_CHAT_ID=-1001234567','plain'),
         C('GITHUB_TOKEN=${GITHUB_TOKEN}','reference'), C('STRIPE_KEY=$(cat /run/secrets/stripe)','reference'),
         C('TWILIO_ACCOUNT_SID_FILE=/run/secrets/twilio_sid','reference'), C('GOOGLE_MAPS_KEY=<your-google-key>','placeholder')]
f('env/tokens.env',*rows)

rows=[HDR]
sec=[('DB_PASS',pw(9)),('MYSQL_PWD',pw(8)),('SMTP_PSWD',pw(11)),('ADMIN_PASSWORD','Tr0ub4dor&3'),('REDIS_PASSWORD',pw(12)),
     ('CREDENTIALS',rnd(28)),('CREDS',rnd(20)+':'+rnd(12)),('AUTH',rnd(32)),('token1',rnd(30)),('password2',pw(10)),
     ('API_AUTH',rnd(40,HEX)),('SERVICE_CREDS',rnd(24)),('LDAP_BIND_PW_PASS',pw(10)),('JWT_SECRET',rnd(12)),('SESSION_SECRET',pw(14))]
for n,x in sec: rows.append(S(f'{n}={x}','dotenv-secret','name',x))
for n,x in [('DATABASE_URL','postgres://app:'+(p:=pw(12))+'@db.internal:5432/app'),('REDIS_URL','redis://:'+(q:=pw(10))+'@cache.internal:6379/0'),
            ('AMQP_URL','amqp://worker:'+(r:=rnd(16))+'@mq.internal/vhost')]:
    rows.append(S(f'{n}={x}','url-credentials','url',x.split('//')[1].split('@')[0].split(':')[1]))
rows += [C('DATABASE_URL=postgres://app@db.internal:5432/app','url'), C('REDIS_URL=redis://cache.internal:6379/0','url'),
         C('BROKER_URL=amqp://worker:${MQ_PASSWORD}@mq.internal/vhost','reference'), C('SENTRY_URL=https://sentry.internal/api/42','url'),
         C('DB_PASSWORD=changeme','placeholder'), C('ADMIN_PASSWORD=your-password-here','placeholder'), C('AUTH_PASSWORD=<password>','placeholder'),
         C('SMTP_PASSWORD=********','placeholder'), C('CI_TOKEN=dummy-token-value','placeholder'), C('API_KEY=sample_key_123','placeholder'),
         C('JWT_SECRET=fake-jwt-secret-for-tests','placeholder'), C('DB_PASSWORD_FILE=/run/secrets/db_password','reference'),
         C('AUTH_METHOD=password','plain'), C('AUTH_USER=reporter','plain'), C('PASSWORD_MIN_LENGTH=12','plain'),
         C('TOKEN_TTL=3600','plain'), C('ID_ALPHABET=abcdefghijklmnopqrstuvwxyz0123456789','identifier'),
         C('SORT_KEY=created_at','identifier'), C('PRIMARY_KEY=id','identifier'), C('CACHE_KEY_PREFIX=app:v2:','identifier'),
         C('JWT_SECRET=${JWT_SECRET:?must be set}','reference'), C('DB_PASSWORD=ENC(' + b64(44) + ')','encrypted'),
         C('API_SECRET=ENC[AES256_GCM,data:' + b64(24) + ',iv:' + b64(22) + ',tag:' + b64(22) + ',type:str]','encrypted')]
f('env/app.env',*rows)

# ---------- compose ----------
rows=[HDR,'services:','  api:','    image: registry.internal/api:1.4','    environment:']
for n,x in [('DB_PASSWORD',pw(9)),('AUTH',rnd(26)),('creds',rnd(18)),('PGPASSWORD',pw(13))]:
    rows.append(S(f'      {n}: "{x}"','compose-secret','name',x))
x=gh('ghp_'); rows.append(S(f'      GH: {x}','known-token','token',x))
p=pw(11); rows.append(S(f'      DATABASE_URL: mysql://api:{p}@mysql:3306/api','url-credentials','url',p))
rows += [C('      DB_PASSWORD: ${DB_PASSWORD}','reference'), C('      API_KEY: ${API_KEY:-}','reference'),
         C('      DB_HOST: mysql','plain'), C('      DATABASE_URL: mysql://api@mysql:3306/api','url'),
         C('      STRIPE_PUBLISHABLE_KEY: pk_test_'+rnd(24),'public'), C('      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db_root','reference')]
rows += ['  worker:','    image: registry.internal/worker:1.4','    environment:']
for n,x in [('REDIS_PASSWORD',pw(8)),('TOKEN2',rnd(24)),('SMTP_PASS',pw(10))]:
    rows.append(S(f'      - {n}={x}','compose-secret','name',x))
x=slack('xoxb'); rows.append(S(f'      - NOTIFY={x}','known-token','token',x))
rows += [C('      - REDIS_PASSWORD','reference'), C('      - SMTP_PASS=$SMTP_PASS','reference'), C('      - LOG_LEVEL=info','plain'),
         C('      - CELERY_BROKER_URL=redis://redis:6379/0','url'), C('      - TOKEN=xxxxxxxx','placeholder')]
rows += ['    secrets:','      - db_password','secrets:','  db_password:','    file: ./db_password.txt']
f('compose/docker-compose.yml',*rows)

# ---------- k8s ----------
rows=[HDR,'apiVersion: apps/v1','kind: Deployment','metadata:','  name: api','spec:','  template:','    spec:','      containers:',
      '        - name: api','          image: registry.internal/api:1.4','          env:']
for n,x in [('DB_PASSWORD',pw(10)),('API_CREDENTIALS',rnd(30)),('pswd',pw(9)),('SIGNING_KEY',rnd(40))]:
    rows.append(f'            - name: {n}'); rows.append(S(f'              value: "{x}"','config-secret','name',x))
x=glpat(); rows.append('            - name: GITLAB'); rows.append(S(f'              value: {x}','known-token','token',x))
rows += ['            - name: DB_USER', C('              value: api','plain'),
         '            - name: DB_PASSWORD','              valueFrom:','                secretKeyRef:', C('                  name: db-credentials','reference'),
         C('                  key: password','reference'),
         '            - name: TOKEN','              valueFrom:','                secretKeyRef:', '                  name: api-token', C('                  key: token','reference'),
         '            - name: CACHE_URL', C('              value: redis://cache:6379','url'),
         '            - name: API_KEY', C('              value: $(API_KEY_FROM_SECRET)','reference'),
         '            - name: JWT_SECRET', C('              value: "{{ .Values.jwtSecret }}"','reference'),
         '          envFrom:','            - secretRef:', C('                name: api-secrets','reference')]
f('k8s/deployment.yaml',*rows)

rows=[HDR,'apiVersion: v1','kind: Secret','metadata:','  name: api-secrets','type: Opaque','stringData:']
for n,x in [('password',pw(10)),('token',rnd(32)),('auth',rnd(24)),('admin-pass',pw(9))]:
    rows.append(S(f'  {n}: "{x}"','config-secret','name',x))
rows.append('data:')
for n,x in [('db-password',b64(20)+'=='),('api-key',b64(40)+'=')]:
    rows.append(S(f'  {n}: {x}','config-secret','name',x))
rows += ['---','apiVersion: bitnami.com/v1alpha1','kind: SealedSecret','metadata:','  name: api-sealed','spec:','  encryptedData:']
for n in ['password','token','api-key','db-password']:
    rows.append(C(f'    {n}: AgB'+b64(180)+'==','encrypted'))
rows += ['---','apiVersion: external-secrets.io/v1beta1','kind: ExternalSecret','metadata:','  name: api-ext','spec:','  data:',
         C('    - secretKey: db-password','reference'),'      remoteRef:',C('        key: prod/api/db-password','reference'),C('        property: password','reference'),
         C('    - secretKey: api-token','reference'),'      remoteRef:',C('        key: prod/api/token','reference'),
         '---','apiVersion: secrets-store.csi.x-k8s.io/v1','kind: SecretProviderClass','metadata:','  name: api-csi','spec:','  provider: aws','  parameters:',
         C('    objects: |','reference'),C('      - objectName: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/api/token-AbCdEf"','reference'),
         C('        objectType: "secretsmanager"','reference'),'  secretObjects:','    - secretName: api-token','      type: Opaque','      data:',
         C('        - objectName: prod/api/token','reference'), C('          key: token','reference')]
f('k8s/secrets.yaml',*rows)

# ---------- JSON config ----------
envfile_vals=[pw(10),rnd(28),rnd(20)]
rows=[HDR.replace('# ','{"_comment": "')+'",','  "service": {',
      C('    "name": "reporter",','plain'), C('    "foreignKey": "account_id",','identifier'), C('    "schemaKey": "v2.report",','identifier'),
      C('    "keyPair": "prod-bastion",','identifier'), C('    "bucket_key": "reports/2026/",','identifier'), C('    "primary_key": "report_id",','identifier'),
      C('    "allowedKeyChars": "ABCDEFGHJKLMNPQRSTUVWXYZ23456789",','identifier'), C('    "tokenEndpoint": "https://auth.internal/oauth/token",','url'),
      S('    "password": "'+(p:=pw(8))+'",','config-secret','name',p), S('    "dbPass": "'+(p2:=pw(12))+'",','config-secret','name',p2),
      S('    "apiCredentials": "'+(c:=rnd(36))+'",','config-secret','name',c), S('    "webhook": "'+(h:=slack_hook())+'",','known-token','token',h),
      S('    "env": "LOG_LEVEL=info\\nDB_PASSWORD='+envfile_vals[0]+'\\n",','config-secret','nested',envfile_vals[0]),
      S('    "dotenv": "API_SECRET='+envfile_vals[1]+'",','config-secret','nested',envfile_vals[1]),
      S('    "mongo": "mongodb+srv://reporter:'+(m:=pw(14))+'@cluster0.internal/reports",','url-credentials','url',m),
      C('    "mongoUrl": "mongodb+srv://reporter@cluster0.internal/reports",','url'),
      C('    "secretArn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/reporter-AbCdEf",','reference'),
      C('    "dbPassword": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf",','reference'),
      C('    "apiKey": "{{resolve:secretsmanager:prod/reporter:SecretString:apiKey}}",','reference'),
      C('    "clientSecret": "${CLIENT_SECRET}",','reference'),
      C('    "certificate": "-----BEGIN CERTIFICATE-----\\nMIIB'+b64(60)+'\\n-----END CERTIFICATE-----\\n",','public'),
      C('    "publicKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA'+b64(40)+' deploy@ci",','public'),
      C('    "stripePublishableKey": "pk_live_'+rnd(24)+'",','public'),
      C('    "password": "example-password",','placeholder'), C('    "token": "xxxxxxxxxxxxxxxxxxxx",','placeholder'),
      C('    "apiKey": "aaaaaaaaaaaaaaaaaaaaaaaa",','placeholder'), C('    "secret": "REPLACE_WITH_SECRET",','placeholder'),
      C('    "sessionTimeout": 3600,','plain'), C('    "passwordPolicy": "strong",','plain'), C('    "tokenType": "Bearer",','plain'),
      C('    "keyId": "'+'-'.join(rnd(k,HEX) for k in (8,4,4,4,12))+'",','identifier'),
      S('    "github": "'+(g:=github_pat())+'",','known-token','token',g),
      S('    "telegram": "'+(t:=telegram())+'",','known-token','token',t),
      S('    "sendgrid": "'+(sg:=sendgrid())+'"','known-token','token',sg),
      '  }','}']
f('config/settings.json',*rows)

rows=[HDR,'app:',C('  name: reporter','plain'),'  database:',C('    host: db.internal','plain'),C('    user: reporter','plain'),
      S('    password: '+(p:=pw(7)),'config-secret','name',p), S('    pass: "'+(p2:=pw(10))+'"','config-secret','name',p2),
      C('    password_min_length: 12','plain'), C('    foreign_key_checks: true','identifier'),
      '  cache:',C('    key_prefix: "reporter:"','identifier'), C('    cache_key: "reports:{id}"','identifier'), C('    ttl: 300','plain'),
      '  auth:',C('    method: oauth2','plain'),C('    token_url: https://auth.internal/token','url'),
      S('    client_secret: '+(cs:=rnd(32)),'config-secret','name',cs), S('    client_credentials: "'+(cc:=rnd(24))+'"','config-secret','name',cc),
      C('    client_id: reporter-web','identifier'), C('    secret: !Ref ClientSecretParam','reference'),
      S('    refresh_token1: '+(rt:=rnd(40)),'config-secret','name',rt),
      '  integrations:',
      S('    npm: '+(n:=npm()),'known-token','token',n), S('    pypi: '+(pp:=pypi()),'known-token','token',pp),
      S('    maps: '+(g:=google()),'known-token','token',g), S('    twilio_sk: '+(tw:=twilio('SK')),'known-token','token',tw),
      S('    stripe: '+(st:=stripe('rk_test_')),'known-token','token',st), S('    discord: '+(d:=discord()),'known-token','token',d),
      S('    slack_legacy: '+(sl:=slack('xoxa')),'known-token','token',sl), S('    gitlab: '+(gl:=glpat()),'known-token','token',gl),
      C('    stripe_publishable: pk_test_'+rnd(24),'public'), C('    slack_signing_version: v0','plain'),
      C('    token: "{{ .Values.integrations.token }}"','reference'), C('    api_key: "<put key here>"','placeholder'),
      C('    github_token: ghp_000000000000000000000000000000000000','placeholder'),
      '  env: |', C('    LOG_LEVEL=debug','plain'), S('    SMTP_PASSWORD='+(sp:=pw(9)),'config-secret','nested',sp),
      S('    API_TOKEN='+(at:=rnd(30)),'config-secret','nested',at), C('    DB_PASSWORD=${DB_PASSWORD}','reference')]
f('config/app.yaml',*rows)

# ---------- CloudFormation ----------
rows=[HDR,'AWSTemplateFormatVersion: "2010-09-09"','Parameters:','  DbPassword:','    Type: String','    NoEcho: true','Resources:',
      '  Db:','    Type: AWS::RDS::DBInstance','    Properties:',
      C('      MasterUserPassword: !Ref DbPassword','reference'),
      C('      MasterUsername: !Sub "{{resolve:secretsmanager:${DbSecret}:SecretString:username}}"','reference'),
      '  Fn:','    Type: AWS::Lambda::Function','    Properties:','      Environment:','        Variables:',
      C('          API_KEY: !GetAtt ApiKey.Value','reference'), C('          DB_PASSWORD: !Ref DbPassword','reference'),
      C('          TOKEN: !ImportValue shared-token-export','reference'),
      C('          SECRET_ARN: !Ref DbSecret','reference'),
      S('          SLACK_TOKEN: '+(s:=slack('xoxb')),'known-token','token',s),
      S('          LEGACY_PASSWORD: '+(lp:=pw(11)),'config-secret','name',lp),
      C('          CLIENT_SECRET: !Join ["", ["{{resolve:ssm-secure:", !Ref Param, "}}"]]','reference'),
      '  KeyPairRef:','    Type: AWS::EC2::Instance','    Properties:',C('      KeyName: prod-bastion','identifier')]
f('cfn/template.yaml',*rows)
rows=['{',C('  "Description": "synthetic scanner test canaries, written for credwatch",','plain'),'  "Resources": {','    "Fn": {','      "Type": "AWS::Lambda::Function",','      "Properties": {','        "Environment": {','          "Variables": {',
      C('            "DB_PASSWORD": {"Ref": "DbPassword"},','reference'),
      C('            "API_KEY": {"Fn::GetAtt": ["ApiKey", "Value"]},','reference'),
      C('            "TOKEN": {"Fn::Sub": "{{resolve:secretsmanager:${TokenSecret}}}"},','reference'),
      C('            "AUTH": {"Fn::ImportValue": "shared-auth"},','reference'),
      S('            "WEBHOOK_TOKEN": "'+(w:=rnd(32))+'",','config-secret','name',w),
      S('            "DB_PASS": "'+(dp:=pw(9))+'"','config-secret','name',dp),
      '          }','        }','      }','    }','  }','}']
f('cfn/template.json',*rows)

# ---------- ECS ----------
rows=['{',C('  "family": "reporter",','plain'),'  "containerDefinitions": [','    {',C('      "name": "reporter",','plain'),'      "environment": [']
ecs=[('DB_PASSWORD',pw(10)),('AUTH_TOKEN',rnd(30)),('PWD2',pw(9))]
for n,x in ecs: rows.append(S(f'        {{"name": "{n}", "value": "{x}"}},','ecs-plaintext-env','name',x))
x=gh('ghs_'); rows.append(S(f'        {{"name": "GH", "value": "{x}"}},','known-token','token',x))
rows += [C('        {"name": "DB_HOST", "value": "db.internal"},','plain'), C('        {"name": "TOKEN_URL", "value": "https://auth.internal/token"},','url'),
         C('        {"name": "DB_PASSWORD_ARN", "value": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf"}','reference'),
         '      ],','      "secrets": [',
         C('        {"name": "API_KEY", "valueFrom": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:api-AbCdEf"},','reference'),
         C('        {"name": "TOKEN", "valueFrom": "arn:aws:ssm:eu-west-1:111122223333:parameter/prod/token"}','reference'),
         '      ]','    }','  ]','}']
f('ecs/task-definition.json',*rows)
rows=['[',]
kv=[('SECRET_KEY_BASE',rnd(64,HEX)),('creds',rnd(22))]
for n,x in kv: rows.append(S(f'  {{"key": "{n}", "value": "{x}"}},','config-secret','name',x))
rows += [C('  {"key": "LOG_LEVEL", "value": "info"},','plain'), C('  {"key": "PASSWORD", "value": "${PASSWORD}"},','reference'),
         C('  {"key": "TOKEN", "value": "changeme"}','placeholder'),']']
f('config/env-pairs.json',*rows)

# ---------- INI / TOML / properties / tfvars / npmrc / pypirc ----------
rows=[HDR.replace('#',';'),'[database]',C('host = db.internal','plain'),C('user = reporter','plain'),S('password = '+(p:=pw(8)),'config-secret','name',p),
      C('password_file = /etc/reporter/db.pass','reference'),'[smtp]',S('pass = "'+(p2:=pw(9))+'"','config-secret','name',p2),
      C('pass = %(SMTP_PASS)s','reference'),C('port = 587','plain'),'[api]',S('auth = '+(a:=rnd(28)),'config-secret','name',a),
      S('token3 = '+(t3:=rnd(26)),'config-secret','name',t3), C('token = ','placeholder'), C('api_key = <api key>','placeholder'),
      C('sort_key = created_at','identifier'), C('key_pair = prod-bastion','identifier'),
      S('broker = amqp://reporter:'+(bp:=pw(10))+'@mq.internal//','url-credentials','url',bp),
      S('stripe = '+(st:=stripe('sk_live_')),'known-token','token',st)]
f('ini/app.ini',*rows)
rows=[HDR,'[client]',C('user = backup','plain'),S('password = "'+(p:=pw(10))+'"','config-secret','name',p),C('host = db.internal','plain')]
f('ini/my.cnf',*rows)
rows=[HDR,'[default]',C('aws_access_key_id = AKIAIOSFODNN7EXAMPLE','placeholder'),C('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY','placeholder'),
      '[prod]',S('aws_access_key_id = AKIA'+(ak:=rnd(16,B62[:26]+'234567')),'aws-access-key','aws',ak),
      S('aws_secret_access_key = '+(sk:=b64(40)),'config-secret','aws',sk),C('region = eu-west-1','plain')]
f('aws/credentials',*rows)
rows=[HDR,'[server]',C('host = "0.0.0.0"','plain'),C('port = 8080','plain'),'[database]',
      S('password = "'+(p:=pw(9))+'"','config-secret','name',p), C('password = "${DB_PASSWORD}"','reference'),
      S('url = "postgresql://reporter:'+(u:=pw(11))+'@db.internal/reports"','url-credentials','url',u),
      C('url = "postgresql://reporter@db.internal/reports"','url'),'[auth]',S('credentials = "'+(c:=rnd(30))+'"','config-secret','name',c),
      C('credentials_file = "/etc/reporter/creds.json"','reference'), C('primary_key = "id"','identifier'),
      S('github = "'+(g:=gh('ghp_'))+'"','known-token','token',g), C('token = "dummy"','placeholder'), C('secret = "ENC('+b64(44)+')"','encrypted')]
f('toml/config.toml',*rows)
rows=[HDR,S('db.password='+(p:=pw(10)),'config-secret','name',p), S('spring.datasource.password: '+(p2:=pw(12)),'config-secret','name',p2),
      C('spring.datasource.password=${DB_PASSWORD}','reference'), C('spring.datasource.url=jdbc:postgresql://db.internal:5432/reports','url'),
      C('jasypt.encryptor.password=${JASYPT_PASSWORD}','reference'), C('mail.password=ENC('+b64(48)+')','encrypted'),
      S('mail.smtp.pass='+(sp:=pw(9)),'config-secret','name',sp), C('security.oauth2.client.token-uri=https://auth.internal/token','url'),
      C('cache.key.prefix=reports','identifier'), S('app.auth='+(ap:=rnd(24)),'config-secret','name',ap),
      C('app.password.reset.enabled=true','plain'), S('sendgrid='+(sg:=sendgrid()),'known-token','token',sg)]
f('props/application.properties',*rows)
rows=[HDR,S('db_password = "'+(p:=pw(10))+'"','config-secret','name',p), S('api_token = "'+(t:=rnd(32))+'"','config-secret','name',t),
      C('db_password_secret_arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf"','reference'),
      C('instance_key_pair = "prod-bastion"','identifier'), C('kms_key_id = "alias/reports"','identifier'),
      C('db_password = var.db_password','reference'), C('admin_password = "changeme123"','placeholder'),
      S('datadog_api_key = "'+(dd:=rnd(32,HEX))+'"','config-secret','name',dd), C('public_key = "ssh-rsa AAAAB3NzaC1yc2E'+b64(60)+' ops"','public')]
f('tf/prod.tfvars',*rows)
rows=[HDR,C('registry=https://registry.npmjs.org/','url'),S('//registry.npmjs.org/:_authToken='+(n:=npm()),'known-token','token',n),
      S('//npm.pkg.internal/:_authToken='+(u:='-'.join(rnd(k,HEX) for k in (8,4,4,4,12))),'config-secret','name',u),
      S('//npm.pkg.internal/:_password='+(pp:=b64(20)+'='),'config-secret','name',pp),
      C('//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}','reference'), C('always-auth=true','plain'), C('@corp:registry=https://npm.pkg.internal/','url')]
f('npm/.npmrc',*rows)
rows=[HDR,'[distutils]',C('index-servers = pypi','plain'),'[pypi]',C('username = __token__','plain'),S('password = '+(pp:=pypi()),'known-token','token',pp),
      '[internal]',C('repository = https://pypi.internal/simple/','url'),C('username = ci','plain'),S('password = '+(ip:=pw(9)),'config-secret','name',ip)]
f('pypi/.pypirc',*rows)

# ---------- SOPS ----------
rows=[HDR,C('db_password: ENC[AES256_GCM,data:'+b64(16)+',iv:'+b64(43)+'=,tag:'+b64(22)+'==,type:str]','encrypted'),
      C('api_token: ENC[AES256_GCM,data:'+b64(40)+',iv:'+b64(43)+'=,tag:'+b64(22)+'==,type:str]','encrypted'),
      C('auth: ENC[AES256_GCM,data:'+b64(24)+'==,iv:'+b64(43)+'=,tag:'+b64(22)+'==,type:str]','encrypted'),
      'sops:','    kms:','        - arn: arn:aws:kms:eu-west-1:111122223333:key/'+'-'.join(rnd(k,HEX) for k in (8,4,4,4,12)),
      C('          enc: AQICAHh'+b64(120),'encrypted'),'          created_at: "2026-01-01T00:00:00Z"',
      C('    mac: ENC[AES256_GCM,data:'+b64(60)+'==,iv:'+b64(43)+'=,tag:'+b64(22)+'==,type:str]','encrypted'),'    version: 3.8.1']
f('sops/secrets.enc.yaml',*rows)

# ---------- scripts ----------
rows=['#!/bin/sh',HDR,S('export DEPLOY_PASSWORD='+(p:=pw(9)),'high-entropy','name',p), S('export API_SECRET="'+(a:=rnd(32))+'"','high-entropy','name',a),
      S('curl -H "Authorization: Bearer '+(gt:=gh('ghp_'))+'" https://api.github.com/user','known-token','token',gt),
      S('psql "postgresql://deploy:'+(dp:=pw(10))+'@db.internal/app" -c "select 1"','url-credentials','url',dp),
      S('curl -X POST -d @msg.json '+(hk:=slack_hook()),'known-token','token',hk),
      C('export DEPLOY_PASSWORD="$(aws secretsmanager get-secret-value --secret-id deploy --query SecretString --output text)"','reference'),
      C('psql "postgresql://deploy@db.internal/app" -c "select 1"','url'), C('export API_SECRET="${API_SECRET:?}"','reference'),
      C('password=$(cat /run/credentials/deploy/password)','reference'), C('echo "token: ${TOKEN}"','reference'),
      C('git checkout '+rnd(40,HEX),'identifier'), C('ssh-keygen -t ed25519 -f ~/.ssh/deploy_key -N ""','plain'),
      C('export PASSWORD_PROMPT="Enter password:"','plain')]
f('scripts/deploy.sh',*rows)

# ---------- keys ----------
def pem(kind, nbytes, extra=None, raw=None):
    body = base64.b64encode(raw if raw is not None else os.urandom(nbytes)).decode()
    lines=[body[i:i+64] for i in range(0,len(body),64)]
    out=[f'-----BEGIN {kind}-----'] + (extra or []) + lines + [f'-----END {kind}-----']
    return out, lines[0]
os.urandom = lambda n: bytes(R.getrandbits(8) for _ in range(n))
for fname, kind, n, rule in [('keys/rsa.pem','RSA PRIVATE KEY',600,'private-key'),('keys/pkcs8.key','PRIVATE KEY',630,'private-key'),
                             ('keys/ec.pem','EC PRIVATE KEY',121,'private-key'),('keys/dsa.pem','DSA PRIVATE KEY',440,'private-key')]:
    lines, first = pem(kind, n)
    rows=[HDR.replace('# ','')] if False else []
    rows.append(S(lines[0],'private-key','pem',first)); rows += lines[1:]
    f(fname,*rows)
def ossh(cipher):
    def s(b): return struct.pack('>I',len(b))+b
    return b'openssh-key-v1\0'+s(cipher)+s(b'none' if cipher==b'none' else b'bcrypt')+s(b'' if cipher==b'none' else os.urandom(24))+struct.pack('>I',1)+s(os.urandom(51))+s(os.urandom(160))
lines, first = pem('OPENSSH PRIVATE KEY',0,raw=ossh(b'none')); f('keys/id_ed25519',S(lines[0],'private-key','pem',first),*lines[1:])
lines, first = pem('OPENSSH PRIVATE KEY',0,raw=ossh(b'aes256-ctr')); f('keys/id_ed25519_protected',C(lines[0],'encrypted'),*lines[1:])
lines, first = pem('ENCRYPTED PRIVATE KEY',700); f('keys/pkcs8-encrypted.pem',C(lines[0],'encrypted'),*lines[1:])
lines, first = pem('RSA PRIVATE KEY',600,extra=['Proc-Type: 4,ENCRYPTED','DEK-Info: AES-128-CBC,'+rnd(32,'0123456789ABCDEF'),'']); f('keys/rsa-legacy-encrypted.pem',C(lines[0],'encrypted'),*lines[1:])
lines, first = pem('CERTIFICATE',700); f('keys/server.crt',C(lines[0],'public'),*lines[1:])
lines, first = pem('PUBLIC KEY',294); f('keys/public.pem',C(lines[0],'public'),*lines[1:])
def ppk(enc):
    pub=base64.b64encode(os.urandom(51)).decode(); prv=base64.b64encode(os.urandom(48)).decode()
    return ['PuTTY-User-Key-File-3: ssh-ed25519','Encryption: '+enc,'Comment: deploy','Public-Lines: 2',pub[:64],pub[64:],'Private-Lines: 1',prv,'Private-MAC: '+rnd(64,HEX)], prv
l,prv=ppk('none'); f('keys/deploy.ppk',S(l[0],'private-key','pem',prv),*l[1:])
l,prv=ppk('aes256-cbc'); f('keys/deploy-protected.ppk',C(l[0],'encrypted'),*l[1:])
# a key folded into a JSON string, and one in a YAML block
lines, first = pem('PRIVATE KEY',630)
f('keys/service-account.json','{',C('  "type": "service_account",','plain'),C('  "client_email": "reporter@proj.iam.gserviceaccount.com",','plain'),
  S('  "private_key": "'+'\\n'.join(lines)+'\\n",','private-key','pem',first),C('  "token_uri": "https://oauth2.googleapis.com/token"','url'),'}')
f('keys/doc.md',C('-----BEGIN RSA PRIVATE KEY-----','placeholder'),'...your key...','-----END RSA PRIVATE KEY-----')


# ---------- more: systemd, neutral-named tokens, passwords, URLs in args ----------
rows=['[Unit]','Description=reporter (synthetic scanner test canaries, not real credentials)','[Service]',C('ExecStart=/usr/bin/reporter','plain')]
for n,x in [('DB_PASSWORD',pw(10)),('AUTH',rnd(30)),('CREDS',rnd(20)),('TOKEN1',rnd(28))]:
    rows.append(S(f'Environment={n}={x}','systemd-env-secret','name',x))
x=stripe('sk_live_'); rows.append(S(f'Environment="PAYMENTS={x}"','known-token','token',x))
p=pw(12); rows.append(S(f'Environment="QUEUE=amqp://reporter:{p}@mq.internal/prod"','url-credentials','url',p))
rows += [C('Environment=LOG_LEVEL=info','plain'), C('LoadCredential=db_password:/etc/credstore/reporter.db_password','reference'),
         C('Environment=DB_PASSWORD_FILE=%d/db_password','reference'), C('Environment=API_KEY=${API_KEY}','reference')]
f('systemd/reporter.service',*rows)

rows=[HDR,'notifications:']
gens=[lambda: gh('ghp_'),lambda: gh('gho_'),lambda: gh('ghu_'),lambda: github_pat(),lambda: glpat(),lambda: slack('xoxb'),lambda: slack('xoxp'),
      lambda: slack('xoxr'),lambda: slack_hook(),lambda: stripe('sk_live_'),lambda: stripe('rk_live_'),lambda: telegram(),lambda: telegram(),
      lambda: npm(),lambda: pypi(),lambda: sendgrid(),lambda: twilio('AC'),lambda: twilio('SK'),lambda: google(),lambda: google(),
      lambda: discord(),lambda: openai(),lambda: gh('ghs_'),lambda: glpat(),lambda: npm()]
for i,g in enumerate(gens):
    x=g(); rows.append(S(f'  target{i}: "{x}"','known-token','token',x))
rows += [C('  channel: "#alerts"','plain'), C('  publishable: pk_live_'+rnd(24),'public'), C('  sid_hint: AC'+'0'*32,'placeholder'),
         C('  google: AIza'+'X'*35,'placeholder'), C('  gh: ghp_yourtokengoeshereyourtokengoesherexx','placeholder'),
         C('  webhook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX','placeholder'),
         C('  telegram_chat: "-100123456789"','plain'), C('  commit: '+rnd(40,HEX),'identifier'), C('  digest: sha256:'+rnd(64,HEX),'identifier'),
         C('  uuid: '+'-'.join(rnd(k,HEX) for k in (8,4,4,4,12)),'identifier')]
f('config/notifications.yaml',*rows)

rows=[HDR]
for n,x in [('POSTGRES_PASSWORD','p@ss:w0rd!'),('RABBITMQ_DEFAULT_PASS',pw(8)),('MONGO_INITDB_ROOT_PASSWORD',pw(11)),('KEYSTORE_PASSWORD','Kst#2026pw'),
            ('VNC_PASSWD',pw(8)),('ADMIN_PASS',pw(9)),('MASTER_CREDENTIALS',rnd(26)),('LDAP_AUTH',pw(12)),('WIFI_PSWD',pw(10)),
            ('SFTP_PWD',pw(9)),('token_2',rnd(24)),('GRAFANA_ADMIN_PASSWORD',pw(10)),('ES_PASS',pw(9)),('apiPassword',pw(13))]:
    rows.append(S(f'{n}="{x}"','dotenv-secret','name',x))
rows += [C('POSTGRES_PASSWORD=""','placeholder'), C('RABBITMQ_DEFAULT_PASS_FILE=/run/secrets/mq','reference'), C('PASSWORD_RESET_URL=https://app.internal/reset','url'),
         C('ADMIN_PASS=admin','placeholder'), C('PASSWORD_HASH_ALGORITHM=argon2id','plain'), C('KEYSTORE_TYPE=PKCS12','plain'),
         C('MASTER_KEY_ID=mrk-'+rnd(32,HEX),'identifier'), C('LDAP_AUTH_URL=ldap://ldap.internal:389','url')]
f('env/passwords.env',*rows)

rows=[HDR,'apiVersion: v1','kind: ConfigMap','metadata:','  name: jobs','data:']
for n in ['postgres','mysql','redis','mongodb','amqp','https','ftp','smtp']:
    p=pw(11); rows.append(S(f'  {n}_target: "{n}://svc:{p}@{n}.internal:1234/x"','url-credentials','url',p))
rows += [C('  postgres_plain: "postgres://svc@postgres.internal:5432/x"','url'), C('  ftp_plain: "ftp://ftp.internal/pub"','url'),
         C('  https_plain: "https://user@git.internal/repo.git"','url'), C('  placeholder: "postgres://svc:<password>@db/x"','placeholder'),
         C('  template: "postgres://svc:${PGPASSWORD}@db/x"','reference'), C('  masked: "redis://:****@cache:6379"','placeholder')]
p=rnd(30); rows.append(S(f'  args: "--verbose --api-key={p} --region=eu-west-1"','config-secret','nested',p))
p=pw(10); rows.append(S(f'  command: "backup --db-password={p}"','config-secret','nested',p))
rows.append(C('  args_ref: "--api-key=${API_KEY} --region=eu-west-1"','reference'))
f('k8s/configmap.yaml',*rows)

# ---------- connection strings, Kubernetes keys that are not credentials ----------
rows=['{','  "ConnectionStrings": {']
p=pw(11); rows.append(S(f'    "Default": "Server=db.internal;Database=reports;User Id=reporter;Password={p};",','config-secret','nested',p))
p=pw(10); rows.append(S(f'    "Jdbc": "jdbc:mysql://db.internal:3306/reports?user=reporter&password={p}&useSSL=true",','config-secret','nested',p))
rows += [C('    "ReadOnly": "Server=db.internal;Database=reports;Integrated Security=true;",','plain'),
         C('    "Secured": "Server=db.internal;Database=reports;User Id=reporter;Password=${DB_PASSWORD};",','reference'),
         C('    "Windows": "Server=db.internal;Password=%DB_PASSWORD%;",','reference'),
         C('    "Maven": "jdbc:mysql://db.internal/reports?user=reporter&password=@db.password@"','reference'),'  },',
         C('  "Logging": {"LogLevel": {"Default": "Information"}}','plain'),'}']
f('config/appsettings.json',*rows)
rows=[HDR,'apiVersion: v1','kind: Pod','metadata:','  name: worker','spec:','  tolerations:',
      C('    - key: node-role.kubernetes.io/control-plane','identifier'),C('      operator: Exists','plain'),
      C('    - key: dedicated','identifier'),C('      value: reporting','plain'),'  affinity:','    nodeAffinity:','      requiredDuringSchedulingIgnoredDuringExecution:','        nodeSelectorTerms:',
      '          - matchExpressions:',C('              - key: kubernetes.io/hostname','identifier'),'                operator: In','                values:',C('                  - worker-node-three','plain'),
      '  containers:','    - name: worker','      image: registry.internal/worker:1.4',
      C('      args: ["--config=/etc/worker/config.yaml", "--log-level=info"]','plain'),
      S('      command: ["worker", "--token='+(t:=rnd(32))+'"]','config-secret','nested',t),
      C('      keyAlias: reporting-signing','identifier'), C('      signingKeyAlias: reporting-signing','identifier')]
f('k8s/pod.yaml',*rows)

# ---------- options on command lines: compose, systemd, scripts ----------
rows=[HDR,'services:','  db:','    image: postgres:16',
      S('    command: ["postgres", "-c", "ssl=on", "--password='+(p:=pw(10))+'"]','config-secret','nested',p),
      C('    healthcheck:','plain'), C('      test: ["CMD", "pg_isready", "-U", "postgres"]','plain'),
      '  api:','    image: registry.internal/api:1.4',
      S('    entrypoint: api --db-password='+(q:=pw(9))+' --port=8080','config-secret','nested',q),
      C('    command: api --db-password-file=/run/secrets/db --port=8080','reference'),
      '    labels:', S('      traefik.http.middlewares.auth.basicauth.users: "admin:'+(h:='$$apr1$$'+rnd(8)+'$$'+rnd(22))+'"','config-secret','name',h[10:30]),
      C('      traefik.http.routers.api.rule: Host(`api.internal`)','plain')]
f('compose/compose.prod.yaml',*rows)
rows=['[Unit]','Description=worker (synthetic scanner test canaries, not real credentials)','[Service]',
      S('ExecStart=/usr/bin/worker --api-token='+(t:=rnd(30))+' --verbose','high-entropy','name',t),
      S('ExecStartPre=/usr/bin/worker-migrate --db-password='+(p:=pw(10)),'high-entropy','name',p),
      C('ExecStart=/usr/bin/worker --api-token-file=%d/api_token --verbose','reference'),
      C('LoadCredential=api_token:/etc/credstore/worker.api_token','reference')]
f('systemd/worker.service',*rows)

# ---------- JSON Web Tokens; AUTH naming a method ----------
def jwt(): return 'eyJhbGciOiJIUzI1NiJ9.eyJ'+rnd(40,URLS)+'.'+rnd(43,URLS)
rows=[HDR,'clients:']
for i in range(4):
    x=jwt(); rows.append(S(f'  - bearer{i}: {x}','known-token','token',x))
rows += ['  - name: metrics', C('    auth: basic','plain'), C('    auth: ldap','plain'), C('    auth: client-certificate','plain'),
         C('    auth_mode: none','plain'), C('    jwt_issuer: https://auth.internal/','url'), C('    jwt_algorithm: HS256','plain'),
         C('    auth: ${METRICS_AUTH}','reference')]
x=rnd(24)+'9'; rows.append(S(f'    auth: "{x}"','config-secret','name',x))
f('config/clients.yaml',*rows)

out=sys.argv[1]
labels=[]
for path, rows in files.items():
    full=os.path.join(out,path); os.makedirs(os.path.dirname(full),exist_ok=True)
    with open(full,'w') as fh:
        for i,(text,exp,cls,val) in enumerate(rows,1):
            fh.write(text+'\n')
            val = HOOKVALS.get(val, val)
            if exp: labels.append(f'{path}\t{i}\t{exp}\t{cls}' + (f'\t{val}' if val else ''))
with open(os.path.join(out,'labels.tsv'),'w') as fh:
    fh.write('# file\tline\texpected rule or clean\tclass\tthe secret value (secrets only: no finding may show 8 characters of it)\n')
    fh.write('\n'.join(labels)+'\n')
sec=sum(1 for l in labels if l.split('\t')[2]!='clean'); print(len(labels), 'labels', sec, 'secret', len(labels)-sec, 'clean')
