import { webApi } from '@slack/bolt';

/**
 * The Web API client class, taken from Bolt (which loads @slack/web-api anyway) rather than imported from
 * '@slack/web-api' again: an ES-module import of that CommonJS package makes Node parse its exports and every file
 * they re-export once more, about 20 ms of start-up for nothing. It is the very same class.
 */
export const { WebClient } = webApi;
