#!/usr/bin/env bash
# Case: a script calls an npm script that drops the database.
npm --prefix web run db:reset
