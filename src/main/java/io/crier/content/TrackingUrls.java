package io.crier.content;

/**
 * One recipient's tracking addresses, made by the tracking module for one delivery: the open
 * pixel's and, for each link the template tracks ({@link MessageTemplate#trackedLinks()}, by
 * position), the redirect that counts its click.
 */
public interface TrackingUrls {

    String open();

    String click(int link);
}
