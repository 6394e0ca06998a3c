-- Latchkey schema, version 1. Every table carries its district. Secrets are never stored:
-- keys and tokens as HMAC digests, passwords as Argon2id PHC strings, outbox payloads
-- AES-GCM encrypted. Uniqueness rules are constraints too, as a backstop to the code.

CREATE TABLE lk_district (
  id              VARCHAR(255) PRIMARY KEY,
  name            VARCHAR(400) NOT NULL,
  state           CHAR(2)      NOT NULL,
  time_zone       VARCHAR(64)  NOT NULL,
  helpdesk_email  VARCHAR(254) NOT NULL,
  helpdesk_phone  VARCHAR(80)  NOT NULL
);
CREATE INDEX lk_district_state_ix ON lk_district (state);

CREATE TABLE lk_guardian (
  id           VARCHAR(255) PRIMARY KEY,
  district_id  VARCHAR(255) NOT NULL REFERENCES lk_district (id),
  given_name   VARCHAR(400) NOT NULL,
  family_name  VARCHAR(400) NOT NULL,
  email        VARCHAR(254),
  email_key    VARCHAR(254),
  phone        VARCHAR(80),
  postal_code  VARCHAR(40),
  -- BCP 47 tag ("es", "pt-BR") of the language the guardian reads mail in, null for the default
  preferred_language  VARCHAR(35),
  -- false while the SIS curtails the person's access: no key is issued or redeemed
  sign_in_enabled     BOOLEAN      DEFAULT TRUE NOT NULL
);
-- Guardians may share a family address, so email is indexed, not unique.
CREATE INDEX lk_guardian_email_ix ON lk_guardian (district_id, email_key);
-- Pages of a district's guardians (and of those awaiting a key), in id order.
CREATE INDEX lk_guardian_district_ix ON lk_guardian (district_id, id);

CREATE TABLE lk_school (
  id             VARCHAR(255) PRIMARY KEY,
  district_id    VARCHAR(255) NOT NULL REFERENCES lk_district (id),
  name           VARCHAR(800) NOT NULL,
  -- the office address that receives its students' initial credentials, if any
  contact_email  VARCHAR(254)
);

CREATE TABLE lk_student (
  id              VARCHAR(255) PRIMARY KEY,
  district_id     VARCHAR(255) NOT NULL REFERENCES lk_district (id),
  student_number  VARCHAR(255) NOT NULL,
  given_name      VARCHAR(400) NOT NULL,
  family_name     VARCHAR(400) NOT NULL,
  date_of_birth   DATE,
  grade           VARCHAR(3)   NOT NULL,
  school          VARCHAR(800) NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  -- the school's SIS id; not a reference, as a roster may name a school before sending it
  school_id       VARCHAR(255),
  sign_in_enabled BOOLEAN      DEFAULT TRUE NOT NULL
);
CREATE INDEX lk_student_district_ix ON lk_student (district_id, id);

CREATE TABLE lk_link (
  guardian_id    VARCHAR(255) NOT NULL REFERENCES lk_guardian (id),
  student_id     VARCHAR(255) NOT NULL REFERENCES lk_student (id),
  relationship   VARCHAR(32)  NOT NULL,
  portal_access  BOOLEAN      NOT NULL,
  PRIMARY KEY (guardian_id, student_id)
);

-- Legal restrictions on guardian-student links; kept apart from the link, which a re-sync
-- rewrites or removes, and never deleted.
CREATE TABLE lk_restriction (
  id           VARCHAR(255) PRIMARY KEY,
  guardian_id  VARCHAR(255) NOT NULL,
  student_id   VARCHAR(255) NOT NULL,
  starts_on    DATE         NOT NULL,
  -- exclusive; null while it has no end
  ends_before  DATE,
  reason       VARCHAR(2000) NOT NULL,
  entered_by   VARCHAR(800) NOT NULL,
  entered_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX lk_restriction_guardian_ix ON lk_restriction (guardian_id, entered_at, id);

-- A student of age consenting to a guardian seeing them; a row while granted.
CREATE TABLE lk_adult_consent (
  guardian_id  VARCHAR(255) NOT NULL,
  student_id   VARCHAR(255) NOT NULL,
  CONSTRAINT lk_adult_consent_pk PRIMARY KEY (guardian_id, student_id)
);

CREATE TABLE lk_account (
  id                  VARCHAR(255) PRIMARY KEY,
  district_id         VARCHAR(255) NOT NULL REFERENCES lk_district (id),
  role                VARCHAR(16)  NOT NULL,
  login_name          VARCHAR(256) NOT NULL,
  login_key           VARCHAR(256) NOT NULL,
  guardian_id         VARCHAR(255) REFERENCES lk_guardian (id),
  student_id          VARCHAR(255) REFERENCES lk_student (id),
  -- equals guardian_id while the account is active, else null: one active account per guardian
  -- (status ACTIVE, DISABLED or SUSPENDED)
  active_guardian_id  VARCHAR(255),
  status              VARCHAR(16)  NOT NULL,
  must_change         BOOLEAN      NOT NULL,
  credential_version  BIGINT       NOT NULL,
  password_hash       VARCHAR(512) NOT NULL,
  failed_attempts     INTEGER      NOT NULL,
  last_failure_at     TIMESTAMP WITH TIME ZONE,
  locked_at           TIMESTAMP WITH TIME ZONE,
  locked_until        TIMESTAMP WITH TIME ZONE,
  lockouts            INTEGER      NOT NULL,
  last_sign_in_at     TIMESTAMP WITH TIME ZONE,
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT lk_account_login_uq UNIQUE (district_id, login_key),
  CONSTRAINT lk_account_active_guardian_uq UNIQUE (active_guardian_id)
);
-- At most one account per student, in any state (student_id is null for guardians, and
-- nulls are distinct).
CREATE UNIQUE INDEX lk_account_student_uq ON lk_account (student_id);

CREATE TABLE lk_activation_key (
  digest             CHAR(64)     PRIMARY KEY,
  -- issue order, for history listed oldest first even within one clock tick
  seq                BIGINT       GENERATED ALWAYS AS IDENTITY,
  guardian_id        VARCHAR(255) NOT NULL REFERENCES lk_guardian (id),
  district_id        VARCHAR(255) NOT NULL REFERENCES lk_district (id),
  -- equals guardian_id while the key is live, else null: one live key per guardian
  live_guardian_id   VARCHAR(255),
  sent_to            VARCHAR(254) NOT NULL,
  issued_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  state              VARCHAR(16)  NOT NULL,
  redeemed_at        TIMESTAMP WITH TIME ZONE,
  redeemed_by        VARCHAR(255) REFERENCES lk_account (id),
  redeemed_login     VARCHAR(256),
  revoked_at         TIMESTAMP WITH TIME ZONE,
  CONSTRAINT lk_key_live_guardian_uq UNIQUE (live_guardian_id),
  CONSTRAINT lk_key_redeemed_by_uq UNIQUE (redeemed_by)
);
CREATE INDEX lk_key_guardian_ix ON lk_activation_key (guardian_id, issued_at, seq);

CREATE TABLE lk_outbox (
  id               CHAR(32)     PRIMARY KEY,
  seq              BIGINT       GENERATED ALWAYS AS IDENTITY,
  district_id      VARCHAR(255) NOT NULL,
  type             VARCHAR(32)  NOT NULL,
  -- nonce || AES-256-GCM ciphertext of the whole message, the notification id as associated data
  payload          VARBINARY       NOT NULL,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  leased_until     TIMESTAMP WITH TIME ZONE,
  attempts         INTEGER      NOT NULL,
  parked           BOOLEAN      NOT NULL
);
CREATE INDEX lk_outbox_due_ix ON lk_outbox (parked, next_attempt_at, seq);

CREATE TABLE lk_audit (
  id           BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           TIMESTAMP WITH TIME ZONE NOT NULL,
  district_id  VARCHAR(255) NOT NULL,
  type         VARCHAR(64)  NOT NULL,
  actor        VARCHAR(400) NOT NULL,
  subject      VARCHAR(400) NOT NULL,
  source       VARCHAR(64)  NOT NULL,
  outcome      VARCHAR(64)  NOT NULL,
  details      CHARACTER LARGE OBJECT NOT NULL
);
CREATE INDEX lk_audit_district_at_ix ON lk_audit (district_id, at);

CREATE TABLE lk_reset_token (
  digest       CHAR(64)     PRIMARY KEY,
  account_id   VARCHAR(255) NOT NULL REFERENCES lk_account (id),
  district_id  VARCHAR(255) NOT NULL,
  sent_to      VARCHAR(254) NOT NULL,
  issued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  state        VARCHAR(16)  NOT NULL,
  used_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX lk_reset_token_account_ix ON lk_reset_token (account_id, state);

-- Fixed-window counters for limits that must hold across processes (S24, S26).
CREATE TABLE lk_rate_bucket (
  bucket        VARCHAR(400) PRIMARY KEY,
  window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
  events        INTEGER      NOT NULL
);

CREATE TABLE lk_caller_verification (
  id           CHAR(34)     PRIMARY KEY,
  guardian_id  VARCHAR(255) NOT NULL REFERENCES lk_guardian (id),
  agent        VARCHAR(200) NOT NULL,
  verified_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Replaced password hashes, so a change or reset cannot reuse a recent password.
CREATE TABLE lk_password_history (
  seq            BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id     VARCHAR(255) NOT NULL REFERENCES lk_account (id),
  password_hash  VARCHAR(512) NOT NULL,
  replaced_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX lk_password_history_ix ON lk_password_history (account_id, seq);
