#!/usr/bin/env bash
# Cleaning build output is not destruction.
rm -rf node_modules dist .next
