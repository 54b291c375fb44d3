/**
 * Looking at studies: {@link org.dl4jtuner.dashboard.DashboardServer} (a live web page over a
 * study's storage), {@link org.dl4jtuner.dashboard.HtmlReport} (the same page as one offline file),
 * {@link org.dl4jtuner.dashboard.TrialCsv} and {@link org.dl4jtuner.dashboard.TrialJson} (the trial
 * table), all built on {@link org.dl4jtuner.dashboard.StudySnapshot}. Nothing here writes to storage.
 */
package org.dl4jtuner.dashboard;
