# Reference Rasch estimates for packages/analysis/src/rasch.test.ts, computed once with eRm (CML).
# Run from the repository root: Rscript packages/analysis/reference/rasch_reference.R [outdir]
# (apt-get install -y r-cran-erm). Writes rasch-<name>-data.csv and rasch-<name>-expected.json.
suppressPackageStartupMessages(library(eRm))
args <- commandArgs(trailingOnly = TRUE)
here <- if (length(args) >= 1) args[1] else "packages/analysis/reference"

simulate <- function(n, beta, seed) {
  set.seed(seed)
  theta <- rnorm(n, 0.3, 1.1)
  p <- plogis(outer(theta, beta, "-"))
  X <- matrix(as.integer(runif(length(p)) < p), nrow = n)
  colnames(X) <- sprintf("I%02d", seq_along(beta))
  X
}

json_num <- function(x) ifelse(is.na(x), "null", formatC(x, digits = 10, format = "g"))
json_vec <- function(x) paste0("[", paste(json_num(x), collapse = ","), "]")

reference <- function(name, X) {
  write.csv(X, file.path(here, paste0("rasch-", name, "-data.csv")), row.names = FALSE, na = "")
  fit <- RM(X, se = TRUE, sum0 = TRUE)
  pp <- person.parameter(fit)
  ifit <- itemfit(pp)
  # eRm's betapar are easiness parameters: difficulty = -betapar
  theta <- rep(NA_real_, nrow(X))
  se_theta <- rep(NA_real_, nrow(X))
  raw <- rowSums(X, na.rm = TRUE)
  presented <- rowSums(!is.na(X))
  keep <- raw > 0 & raw < presented # eRm interpolates extremes by a spline; not compared
  th <- pp$theta.table[, "Person Parameter"]
  names(th) <- rownames(pp$theta.table)
  theta[keep] <- th[rownames(X)[keep]]
  se_all <- unlist(pp$se.theta)
  names(se_all) <- sub("^NAgroup[0-9]+\\.", "", names(se_all))
  se_theta[keep] <- se_all[rownames(X)[keep]]
  out <- paste0(
    "{\n \"note\": \"eRm ", packageVersion("eRm"), " RM(sum0=TRUE), person.parameter, itemfit; R ",
    getRversion(), "\",\n",
    " \"difficulty\": ", json_vec(-fit$betapar), ",\n",
    " \"se\": ", json_vec(fit$se.beta), ",\n",
    " \"outfit\": ", json_vec(ifit$i.outfitMSQ), ",\n",
    " \"infit\": ", json_vec(ifit$i.infitMSQ), ",\n",
    " \"outfitZ\": ", json_vec(ifit$i.outfitZ), ",\n",
    " \"infitZ\": ", json_vec(ifit$i.infitZ), ",\n",
    " \"theta\": ", json_vec(theta), ",\n",
    " \"thetaSe\": ", json_vec(se_theta), "\n}\n"
  )
  writeLines(out, file.path(here, paste0("rasch-", name, "-expected.json")))
}

# 1. complete: 500 persons x 20 items
X1 <- simulate(500, seq(-2, 2, length.out = 20), 20261207)
rownames(X1) <- paste0("P", seq_len(nrow(X1)))
reference("complete", X1)

# 2. three forms sharing anchor blocks (missing by design): A = 1-20, B = 11-30, C = 1-10 + 21-30
X2 <- simulate(600, seq(-2.2, 2.2, length.out = 30), 20261208)
form <- rep(c("A", "B", "C"), each = 200)
X2[form == "A", 21:30] <- NA
X2[form == "B", 1:10] <- NA
X2[form == "C", 11:20] <- NA
rownames(X2) <- paste0("P", seq_len(nrow(X2)))
reference("forms", X2)
