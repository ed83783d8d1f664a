#!/usr/bin/Rscript
# The second witness for the OLS golden files: R's lm with sandwich's HC1,
# rstudent and hatvalues, fitted from the case's CSV with R's own factor
# coding. ols.py runs it; by hand:
#
#   Rscript ols.R CASE.csv SPEC.tsv OUT.tsv
#
# SPEC.tsv (tab-separated, UTF-8), one line each:
#   y        COLUMN
#   log_y    0|1
#   numeric  COLUMN...           (in model order; the group indicator among them)
#   factor   COLUMN LEVEL...     (one line per factor, levels in order, base first)
#   group    COLUMN              (the 0/1 indicator of the Oaxaca-Blinder split)
#
# OUT.tsv: "version", then "coef NAME ESTIMATE SE SE_HC1" per coefficient in
# lm's order (intercept, then the terms as listed: numeric, then factors),
# "rstudent"/"leverage" with one value per row, "oaxaca TOTAL EXPLAINED
# UNEXPLAINED" (pooled two-fold with the indicator in the reference model,
# men = indicator 0 first), and "input COLUMN HEX..." echoing every numeric
# input as R parsed it, so ols.py can check R fitted the very same numbers.
# Numbers are written with %.17g (or %a), which round-trip.
suppressMessages(library(sandwich))
args <- commandArgs(trailingOnly = TRUE)
spec <- strsplit(readLines(args[2], encoding = "UTF-8"), "\t", fixed = TRUE)
get <- function(key) Filter(function(l) l[1] == key, spec)
ycol <- get("y")[[1]][2]
logy <- get("log_y")[[1]][2] == "1"
numeric_cols <- get("numeric")[[1]][-1]
factors <- get("factor")
group <- get("group")[[1]][2]

df <- read.csv(args[1], check.names = FALSE, colClasses = "character", encoding = "UTF-8")
out <- c(sprintf("version\tR %s.%s\tsandwich %s", R.version$major, R.version$minor,
                 as.character(packageVersion("sandwich"))))
hex <- function(v) paste(sprintf("%a", v), collapse = "\t")
for (col in c(ycol, numeric_cols)) {
  df[[col]] <- as.numeric(df[[col]])
  out <- c(out, sprintf("input\t%s\t%s", col, hex(df[[col]])))
}
for (f in factors) {
  df[[f[2]]] <- factor(df[[f[2]]], levels = f[-(1:2)])
  if (any(is.na(df[[f[2]]]))) stop("a value of ", f[2], " is not among the levels given")
}
y <- if (logy) log(df[[ycol]]) else df[[ycol]]
rhs <- c(numeric_cols, vapply(factors, function(f) f[2], ""))
X <- df[rhs]
fit <- lm(y ~ ., data = cbind(y = y, X))
cf <- coef(fit)
if (any(is.na(cf))) stop("lm found the design rank-deficient")
se <- sqrt(diag(vcov(fit)))
hc1 <- sqrt(diag(vcovHC(fit, type = "HC1")))
for (i in seq_along(cf)) {
  out <- c(out, sprintf("coef\t%s\t%.17g\t%.17g\t%.17g", names(cf)[i], cf[i], se[i], hc1[i]))
}
fmt <- function(v) paste(ifelse(is.finite(v), sprintf("%.17g", v), "NA"), collapse = "\t")
out <- c(out, paste0("rstudent\t", fmt(rstudent(fit))), paste0("leverage\t", fmt(hatvalues(fit))))

# Pooled two-fold Oaxaca-Blinder (Jann 2008): the reference coefficients are
# the pooled model's without the indicator; explained = (mean X of group 0 -
# mean X of group 1) . beta*, total = mean y0 - mean y1.
M <- model.matrix(fit)
g <- df[[group]]
keep <- colnames(M) != group
b <- cf[keep]
x0 <- colMeans(M[g == 0, keep, drop = FALSE])
x1 <- colMeans(M[g == 1, keep, drop = FALSE])
total <- mean(y[g == 0]) - mean(y[g == 1])
explained <- sum((x0 - x1) * b)
out <- c(out, sprintf("oaxaca\t%.17g\t%.17g\t%.17g", total, explained, total - explained))
con <- file(args[3], "w", encoding = "UTF-8")
writeLines(out, con)
close(con)
